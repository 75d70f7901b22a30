import type { Context } from './context.js';
import type { SystemSettingChange } from './db/generated/client.js';
import { audit } from './audit.js';
import { transact } from './after-commit.js';
import { requireAdminPermission } from './authz.js';
import { badInput } from './errors.js';
import { isSettingKey, parseSettingValue, SETTING_DEFAULTS, SETTING_KEYS, SETTING_SPECS, storedSettingValue, type SettingKey, type SettingSpec } from './settings.js';

/** A setting as the admin console shows it: its spec, its value in force and whether an admin set it. */
export interface SettingView extends SettingSpec {
  key: SettingKey;
  value: number;
  isDefault: boolean;
  updatedAt: Date | null;
}

/** Every setting, in SETTING_SPECS order, read fresh. */
export async function listSettings(ctx: Pick<Context, 'prisma'>): Promise<SettingView[]> {
  const rows = await ctx.prisma.systemSetting.findMany({ where: { key: { in: SETTING_KEYS } } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return SETTING_KEYS.map((key) => viewOf(key, byKey.get(key)));
}

function viewOf(key: SettingKey, row: { value: string; updatedAt: Date } | undefined): SettingView {
  const stored = storedSettingValue(key, row?.value);
  return { key, ...SETTING_SPECS[key], value: stored ?? SETTING_DEFAULTS[key], isDefault: stored == null, updatedAt: row?.updatedAt ?? null };
}

export function settingKeyOf(key: string): SettingKey {
  if (key.length > 100 || !isSettingKey(key)) throw badInput(`Unknown setting ${key.slice(0, 100)}.`, { field: 'key', reason: 'UNKNOWN_SETTING' });
  return key;
}

export interface UpdateSettingResult {
  setting: SettingView;
  change: SystemSettingChange | null;
}

/**
 * Sets a setting (admins with SETTINGS): the value is checked against the setting's type and range (BAD_USER_INPUT
 * otherwise, nothing changes); the row, a system_setting_changes row (who, from, to, why) and an audit row commit
 * together, serialised per key by a transaction lock. Setting the value already stored changes nothing and
 * records nothing. Every process reads settings fresh, so the next read anywhere sees the new value.
 */
export async function updateSystemSetting(ctx: Context, input: { key: string; value: string; reason?: string | null }): Promise<UpdateSettingResult> {
  const actor = requireAdminPermission(ctx, 'SETTINGS');
  const key = settingKeyOf(input.key);
  if (input.value.length > 50) throw badInput('value must be at most 50 characters.', 'value');
  const value = parseSettingValue(key, input.value);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) throw badInput('reason must be at most 500 characters.', 'reason');
  return transact(ctx, { service: 'settings' }, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`system_setting:${key}`}))`;
    const row = await tx.systemSetting.findUnique({ where: { key } });
    const before = viewOf(key, row ?? undefined);
    // The same value already stored: nothing to record. (Writing the default over no row pins it: recorded.)
    if (before.value === value && !before.isDefault) return { setting: before, change: null };
    const saved = await tx.systemSetting.upsert({
      where: { key },
      update: { value: String(value), description: SETTING_SPECS[key].description },
      create: { key, value: String(value), description: SETTING_SPECS[key].description },
    });
    const change = await tx.systemSettingChange.create({
      data: { key, oldValue: String(before.value), newValue: String(value), reason, actorId: actor.id },
    });
    await audit(tx, ctx, {
      action: 'platform:update_system_setting',
      entityType: 'SystemSetting',
      entityId: key,
      changes: { value: { from: before.value, to: value }, ...(reason ? { reason } : {}) },
    });
    return { setting: viewOf(key, saved), change };
  });
}
