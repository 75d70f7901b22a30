import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogsDocument, SystemSettingHistoryDocument, SystemSettingsDocument, UpdateSystemSettingDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';
import { SETTING_KEYS } from '../../shared/settings.js';

let fed: TestFederation;
let seed: Seed;
let superAdmin: TestUser;
let support: TestUser;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  superAdmin = await seed.admin().create();
  support = await seed.admin().withRoles('SUPPORT').create();
}, 120_000);
afterAll(async () => {
  await fed?.stop();
});

const update = (who: TestUser | null, key: string, value: string, reason?: string) =>
  fed.run(UpdateSystemSettingDocument, { input: { key, value, reason } }, who?.token);
const counts = async () => ({
  settings: await fed.db.prisma.systemSetting.count(),
  changes: await fed.db.prisma.systemSettingChange.count(),
  audits: await fed.db.prisma.auditLog.count(),
});

describe('systemSettings', () => {
  it('lists every setting with its type, description, range, default and value in force, to admins only', async () => {
    const res = await fed.run(SystemSettingsDocument, {}, support.token);
    expect(res.errors).toBeUndefined();
    const list = res.data!.systemSettings;
    expect(list.map((s) => s.key)).toEqual(SETTING_KEYS);
    expect(list.find((s) => s.key === 'reader_share_bps')).toMatchObject({ type: 'INTEGER', min: 0, max: 10_000, defaultValue: 7000, value: 7000, isDefault: true, updatedAt: null });
    expect(list.find((s) => s.key === 'auto_payouts_enabled')).toMatchObject({ type: 'BOOLEAN', min: 0, max: 1 });
    for (const s of list) expect(s.description.length).toBeGreaterThan(15);
    const client = await seed.client().create();
    expect(errorCode(await fed.run(SystemSettingsDocument, {}, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(SystemSettingsDocument, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('updateSystemSetting', () => {
  it('refuses bad types, out-of-range values, unknown keys and non-super-admins, changing nothing', async () => {
    const before = await counts();
    for (const [key, value] of [
      ['reader_share_bps', 'abc'],
      ['reader_share_bps', '75.5'],
      ['reader_share_bps', '10001'],
      ['reader_share_bps', '-1'],
      ['reader_share_bps', ''],
      ['auto_payouts_enabled', '2'],
      ['auto_payouts_enabled', 'yes'],
      ['min_topup_cents', '99999999999999999999'],
      ['no_such_setting', '1'],
      ['__proto__', '1'],
    ] as const) {
      const res = await update(superAdmin, key, value);
      expect(errorCode(res), `${key}=${value}`).toBe('BAD_USER_INPUT');
    }
    const range = await update(superAdmin, 'reader_share_bps', '20000');
    expect(range.errors![0]!.extensions).toMatchObject({ field: 'value', min: 0, max: 10_000 });
    expect(errorCode(await update(support, 'reader_share_bps', '7100'))).toBe('FORBIDDEN');
    const client = await seed.client().create();
    expect(errorCode(await update(client, 'reader_share_bps', '7100'))).toBe('FORBIDDEN');
    expect(errorCode(await update(null, 'reader_share_bps', '7100'))).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  it('the 70/30 split changed to 75/25 applies to the next billed minute only, and the history says who changed what from what to what', async () => {
    const client = await seed.client().withCredit(10_000).create();
    const reader = await seed.reader().create();
    const session = await createSession(fed.db.prisma, client.id, reader.id, 1000);
    const charge = (minute: number) => fed.runtime.money!.chargeSessionMinutes([{ sessionId: session, clientId: client.id, readerId: reader.id, minute, rateCents: 1000 }]);
    const shares = () =>
      fed.db.sql<{ reader: number; platform: number }>(
        `SELECT reader_earnings_cents AS reader, platform_revenue_cents AS platform FROM transactions WHERE session_id = $1 AND type = 'SESSION_CHARGE' ORDER BY created_at, id`,
        [session],
      );

    await charge(1);
    expect(await shares()).toEqual([{ reader: 700, platform: 300 }]);

    const res = await update(superAdmin, 'reader_share_bps', ' 7500 ', 'Reader appreciation month');
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateSystemSetting).toMatchObject({
      setting: { key: 'reader_share_bps', value: 7500, isDefault: false },
      change: { key: 'reader_share_bps', oldValue: '7000', newValue: '7500', reason: 'Reader appreciation month', actor: { id: superAdmin.id } },
    });

    await charge(2);
    // Minute 1 keeps the split it was charged with; minute 2 has the new one.
    expect(await shares()).toEqual([
      { reader: 700, platform: 300 },
      { reader: 750, platform: 250 },
    ]);

    // Same value again: nothing recorded.
    const again = await update(superAdmin, 'reader_share_bps', '7500');
    expect(again.data!.updateSystemSetting.change).toBeNull();

    expect((await update(superAdmin, 'reader_share_bps', '7000', 'Back to normal')).errors).toBeUndefined();
    expect((await update(superAdmin, 'auto_payouts_enabled', 'false')).data!.updateSystemSetting.setting.value).toBe(0);

    const history = await fed.run(SystemSettingHistoryDocument, { key: 'reader_share_bps', first: 1 }, support.token);
    expect(history.errors).toBeUndefined();
    expect(history.data!.systemSettingHistory.totalCount).toBe(2);
    expect(history.data!.systemSettingHistory.edges.map((e) => e.node)).toMatchObject([{ oldValue: '7500', newValue: '7000', reason: 'Back to normal', actor: { id: superAdmin.id } }]);
    const next = await fed.run(SystemSettingHistoryDocument, { key: 'reader_share_bps', first: 5, after: history.data!.systemSettingHistory.pageInfo.endCursor }, support.token);
    expect(next.data!.systemSettingHistory.edges.map((e) => [e.node.oldValue, e.node.newValue])).toEqual([['7000', '7500']]);
    expect((await fed.run(SystemSettingHistoryDocument, {}, support.token)).data!.systemSettingHistory.totalCount).toBe(3);
    expect(errorCode(await fed.run(SystemSettingHistoryDocument, { key: 'nope' }, support.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(SystemSettingHistoryDocument, {}, client.token))).toBe('FORBIDDEN');

    const audits = await fed.run(AuditLogsDocument, { filter: { action: 'platform:update_system_setting', entityId: 'reader_share_bps' } }, superAdmin.token);
    expect(audits.data!.auditLogs.edges.map((e) => e.node.changes)).toEqual([
      { value: { from: 7500, to: 7000 }, reason: 'Back to normal' },
      { value: { from: 7000, to: 7500 }, reason: 'Reader appreciation month' },
    ]);
  });

  it('concurrent changes of one key serialise: the history chains each old value to the previous new one', async () => {
    const values = ['600', '700', '800', '900', '1000'];
    const results = await Promise.all(values.map((v) => update(superAdmin, 'min_topup_cents', v, `race ${v}`)));
    expect(results.every((r) => !r.errors)).toBe(true);
    const rows = await fed.db.sql<{ old_value: string; new_value: string }>(
      `SELECT old_value, new_value FROM system_setting_changes WHERE key = 'min_topup_cents' ORDER BY created_at, id`,
    );
    expect(rows).toHaveLength(5);
    expect(rows[0]!.old_value).toBe('500');
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.old_value).toBe(rows[i - 1]!.new_value);
    const [stored] = await fed.db.sql<{ value: string }>(`SELECT value FROM system_settings WHERE key = 'min_topup_cents'`);
    expect(stored!.value).toBe(rows[4]!.new_value);
  });
});

describe('auditLogs search', () => {
  it('filters by actor, action prefix, target and date range, as a connection; a bad range is BAD_USER_INPUT', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    await update(superAdmin, 'review_window_days', '45', 'audit search');
    const end = new Date(Date.now() + 1000).toISOString();
    const byActor = await fed.run(AuditLogsDocument, { filter: { actorId: superAdmin.id, actionPrefix: 'platform:', entityType: 'SystemSetting', entityId: 'review_window_days', from: start, to: end } }, support.token);
    expect(byActor.errors).toBeUndefined();
    expect(byActor.data!.auditLogs.totalCount).toBe(1);
    expect(byActor.data!.auditLogs.edges[0]!.node).toMatchObject({ action: 'platform:update_system_setting', entityId: 'review_window_days', actor: { id: superAdmin.id } });
    const before = await fed.run(AuditLogsDocument, { filter: { actionPrefix: 'platform:', to: start } }, support.token);
    expect(before.data!.auditLogs.edges.map((e) => e.node.entityId)).not.toContain('review_window_days');
    const other = await fed.run(AuditLogsDocument, { filter: { actorId: support.id, actionPrefix: 'platform:' } }, support.token);
    expect(other.data!.auditLogs.totalCount).toBe(0);
    expect(errorCode(await fed.run(AuditLogsDocument, { filter: { from: end, to: start } }, support.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(AuditLogsDocument, { filter: { actionPrefix: 'x'.repeat(101) } }, support.token))).toBe('BAD_USER_INPUT');
  });
});
