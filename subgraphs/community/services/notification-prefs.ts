import { z } from 'zod';
import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import type { NotificationChannel, NotificationKind } from '../../../shared/db/generated/enums.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput } from '../../../shared/errors.js';
import { transact } from '../../../shared/after-commit.js';

type Db = Prisma.TransactionClient | Context['prisma'];

export const NOTIFICATION_KINDS = [
  'BOOKING_REQUESTED',
  'BOOKING_CONFIRMED',
  'BOOKING_CANCELLED',
  'BOOKING_REMINDER',
  'FAVORITE_READER_ONLINE',
  'FAVORITE_READER_LIVE',
  'SESSION_REQUEST_MISSED',
  'LOW_BALANCE',
  'AUTO_RELOAD_RESULT',
  'TOP_UP_RECEIPT',
  'PAYOUT_SENT',
  'PAYOUT_FAILED',
  'PAID_REPLY_RECEIVED',
  'REVIEW_RECEIVED',
  'FLAG_RESOLVED',
  'SECURITY_NEW_LOGIN',
  'SECURITY_PASSWORD_CHANGED',
  'SECURITY_EMAIL_CHANGED',
] as const satisfies readonly NotificationKind[];

export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL', 'WEB_PUSH'] as const satisfies readonly NotificationChannel[];

/** Account security notices reach the user on every channel: they cannot be turned off (PRODUCT rule). */
export const MANDATORY_KINDS: ReadonlySet<NotificationKind> = new Set(['SECURITY_NEW_LOGIN', 'SECURITY_PASSWORD_CHANGED', 'SECURITY_EMAIL_CHANGED']);

/**
 * Defaults when the user set nothing: in-app always (it is the inbox, not a channel one turns off); email and web
 * push on for every kind except the chatty ones (a favourite coming online or going live: push only).
 */
export function defaultEnabled(kind: NotificationKind, channel: NotificationChannel): boolean {
  if (channel === 'IN_APP') return true;
  if (channel === 'EMAIL') return kind !== 'FAVORITE_READER_LIVE';
  return true;
}

/** The channels a user gets `kind` on: their stored choices over the defaults; in-app and security kinds always. */
export async function enabledChannels(db: Db, userId: string, kind: NotificationKind): Promise<NotificationChannel[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId, kind } });
  const chosen = new Map(rows.map((r) => [r.channel, r.enabled]));
  return NOTIFICATION_CHANNELS.filter(
    (c) => c === 'IN_APP' || MANDATORY_KINDS.has(kind) || (chosen.get(c) ?? defaultEnabled(kind, c)),
  );
}

export interface PreferenceEntry {
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
  /** False for in-app and for security kinds: always on. */
  editable: boolean;
}

export interface PreferencesView {
  entries: PreferenceEntry[];
  timezone: string;
  quietStart: number | null;
  quietEnd: number | null;
}

export async function preferencesOf(ctx: Context): Promise<PreferencesView> {
  const userId = requireViewer(ctx).id;
  const [rows, settings] = await Promise.all([
    ctx.prisma.notificationPreference.findMany({ where: { userId } }),
    ctx.prisma.notificationSettings.findUnique({ where: { userId } }),
  ]);
  const chosen = new Map(rows.map((r) => [`${r.kind}:${r.channel}`, r.enabled]));
  const entries: PreferenceEntry[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    for (const channel of NOTIFICATION_CHANNELS) {
      const editable = channel !== 'IN_APP' && !MANDATORY_KINDS.has(kind);
      entries.push({ kind, channel, editable, enabled: !editable || (chosen.get(`${kind}:${channel}`) ?? defaultEnabled(kind, channel)) });
    }
  }
  return { entries, timezone: settings?.timezone ?? 'UTC', quietStart: settings?.quietStart ?? null, quietEnd: settings?.quietEnd ?? null };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    // RangeError: not a time zone Intl knows, which is exactly the answer.
    return false;
  }
}

const UpdateSchema = z.object({
  changes: z
    .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(NOTIFICATION_CHANNELS), enabled: z.boolean() }))
    .max(NOTIFICATION_KINDS.length * NOTIFICATION_CHANNELS.length)
    .nullish(),
  timezone: z.string().max(64).nullish(),
  /** "HH:MM" local start and end; both null clears quiet hours. */
  quietHours: z.object({ start: z.string().nullable(), end: z.string().nullable() }).nullish(),
});

export type UpdatePreferencesInput = z.input<typeof UpdateSchema>;

const minutesOf = (hhmm: string, field: string) => {
  const m = HHMM.exec(hhmm);
  if (!m) throw badInput('Quiet hours are local times written HH:MM (00:00–23:59).', field);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Changes the viewer's preferences (only the entries given) and quiet hours, all or nothing. */
export async function updatePreferences(ctx: Context, raw: UpdatePreferencesInput): Promise<PreferencesView> {
  const userId = requireViewer(ctx).id;
  const parsed = UpdateSchema.safeParse(raw);
  if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? 'Invalid preferences.', parsed.error.issues[0]?.path.join('.'));
  const input = parsed.data;
  for (const c of input.changes ?? []) {
    if (c.channel === 'IN_APP') throw badInput('In-app notifications are the inbox: they are always on.', 'changes');
    if (MANDATORY_KINDS.has(c.kind)) throw badInput(`${c.kind} is an account security notice: it cannot be turned off.`, 'changes');
  }
  if (input.timezone != null && !isTimeZone(input.timezone)) throw badInput('Unknown time zone (use an IANA name such as Europe/Paris).', 'timezone');
  let quiet: { quietStart: number | null; quietEnd: number | null } | undefined;
  if (input.quietHours) {
    const { start, end } = input.quietHours;
    if ((start == null) !== (end == null)) throw badInput('Give both ends of the quiet hours, or neither to clear them.', 'quietHours');
    if (start != null && end != null) {
      quiet = { quietStart: minutesOf(start, 'quietHours.start'), quietEnd: minutesOf(end, 'quietHours.end') };
      if (quiet.quietStart === quiet.quietEnd) throw badInput('Quiet hours must not start and end at the same time.', 'quietHours');
    } else quiet = { quietStart: null, quietEnd: null };
  }
  await transact(ctx, { service: 'community' }, async (tx) => {
    for (const c of input.changes ?? []) {
      await tx.notificationPreference.upsert({
        where: { userId_kind_channel: { userId, kind: c.kind, channel: c.channel } },
        create: { userId, kind: c.kind, channel: c.channel, enabled: c.enabled },
        update: { enabled: c.enabled },
      });
    }
    if (input.timezone != null || quiet) {
      const data = { ...(input.timezone != null ? { timezone: input.timezone } : {}), ...(quiet ?? {}) };
      await tx.notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    }
  });
  return preferencesOf(ctx);
}

/** Minutes after local midnight of `at` in `tz`. */
function localMinutes(at: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * When email and push to this user may go out: `now`, or the end of their quiet hours when `now` falls inside them
 * (in their time zone; a window whose start is after its end spans midnight). In-app is never delayed.
 */
export async function notBeforeFor(db: Db, userId: string, now: Date): Promise<Date> {
  const s = await db.notificationSettings.findUnique({ where: { userId } });
  if (!s || s.quietStart == null || s.quietEnd == null) return now;
  const local = localMinutes(now, s.timezone);
  const inside = s.quietStart < s.quietEnd ? local >= s.quietStart && local < s.quietEnd : local >= s.quietStart || local < s.quietEnd;
  if (!inside) return now;
  const wait = (s.quietEnd - local + 24 * 60) % (24 * 60);
  // Whole minutes from now to the local end (DST shifts inside the window move it by at most their hour).
  const end = new Date(now.getTime() + wait * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}

/**
 * The one-click unsubscribe of an email's link: turns that kind's email off for the user the token was signed for.
 * Needs no sign-in (the token is the proof); a forged or altered token is BAD_USER_INPUT and changes nothing.
 */
export async function unsubscribeByToken(
  ctx: Context,
  verify: (token: string) => { userId: string; kind: NotificationKind } | null,
  token: string,
): Promise<NotificationKind> {
  const who = token.length <= 512 ? verify(token) : null;
  if (!who || MANDATORY_KINDS.has(who.kind)) throw badInput('This unsubscribe link is not valid.', 'token');
  await transact(ctx, { service: 'community' }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: who.userId }, select: { id: true } });
    if (!user) throw badInput('This unsubscribe link is not valid.', 'token');
    await tx.notificationPreference.upsert({
      where: { userId_kind_channel: { userId: who.userId, kind: who.kind, channel: 'EMAIL' } },
      create: { userId: who.userId, kind: who.kind, channel: 'EMAIL', enabled: false },
      update: { enabled: false },
    });
  });
  return who.kind;
}
