import type { Availability, Session } from '../../../shared/db/generated/client.js';
import type { SessionType } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import { transact } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { assertBookingReader } from '../authz.js';
import { scheduleDayBeforeReminder, scheduleReminder } from './schedule.js';
import { emitSessionEvent, lockSession, READINGS_TX } from './session-store.js';
import { applyBookingCredit, type CreditChoice } from './session-credits.js';

/** How long before a confirmed booking both sides get a reminder. */
export const REMINDER_LEAD_SECONDS = 15 * 60;
const MAX_SLOTS = 100;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface SlotInput {
  startTime: string;
  endTime: string;
}

export interface AvailabilityInput {
  timezone: string;
  weekly: Array<SlotInput & { dayOfWeek: number }>;
  dates: Array<SlotInput & { date: Date }>;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    // Intl throws a RangeError for a zone it does not know: that is the answer.
    return false;
  }
}

/** Wall-clock date, weekday (0 = Sunday) and HH:MM of an instant in a timezone. */
export function localParts(instant: Date, timeZone: string): { date: string; dayOfWeek: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return { date: `${parts.year}-${parts.month}-${parts.day}`, dayOfWeek: days.indexOf(parts.weekday), time: `${parts.hour}:${parts.minute}` };
}

function checkSlot(slot: SlotInput, field: string) {
  if (!TIME.test(slot.startTime) || !TIME.test(slot.endTime)) {
    throw badInput('Times are HH:MM (24-hour).', { field });
  }
  if (slot.startTime >= slot.endTime) throw badInput('A slot must end after it starts.', { field });
}

/** Replaces the reader's availability (weekly slots and one-off dates, in one timezone) in one transaction. */
export async function setAvailability(ctx: Context, input: AvailabilityInput): Promise<Availability[]> {
  const viewer = requireViewer(ctx);
  if (!isTimeZone(input.timezone)) throw badInput('Unknown timezone (use an IANA name like Europe/Paris).', { field: 'timezone' });
  if (input.weekly.length + input.dates.length > MAX_SLOTS) throw badInput(`At most ${MAX_SLOTS} slots.`);
  input.weekly.forEach((s, i) => {
    checkSlot(s, `weekly.${i}`);
    if (!Number.isInteger(s.dayOfWeek) || s.dayOfWeek < 0 || s.dayOfWeek > 6) {
      throw badInput('dayOfWeek is 0 (Sunday) to 6 (Saturday).', { field: `weekly.${i}.dayOfWeek` });
    }
  });
  input.dates.forEach((s, i) => checkSlot(s, `dates.${i}`));
  const rows = [
    ...input.weekly.map((s) => ({ dayOfWeek: s.dayOfWeek, startTime: s.startTime, endTime: s.endTime, isRecurring: true, specificDate: null })),
    ...input.dates.map((s) => ({ dayOfWeek: s.date.getUTCDay(), startTime: s.startTime, endTime: s.endTime, isRecurring: false, specificDate: s.date })),
  ];
  const keys = new Set(rows.map((r) => `${r.dayOfWeek}|${r.startTime}|${r.endTime}|${r.specificDate?.toISOString() ?? ''}`));
  if (keys.size !== rows.length) throw badInput('The same slot is listed twice.');
  return ctx.prisma.$transaction(async (tx) => {
    await tx.availability.deleteMany({ where: { readerId: viewer.id } });
    await tx.availability.createMany({ data: rows.map((r) => ({ ...r, readerId: viewer.id, timezone: input.timezone })) });
    return tx.availability.findMany({ where: { readerId: viewer.id }, orderBy: [{ specificDate: 'asc' }, { dayOfWeek: 'asc' }, { startTime: 'asc' }] });
  });
}

/** True when the instant falls inside one of the reader's slots, read in the reader's timezone. */
export function insideAvailability(slots: Availability[], startsAt: Date): boolean {
  return slots.some((slot) => {
    const local = localParts(startsAt, slot.timezone);
    const day = slot.specificDate ? slot.specificDate.toISOString().slice(0, 10) === local.date : slot.isRecurring && slot.dayOfWeek === local.dayOfWeek;
    return day && slot.startTime <= local.time && local.time < slot.endTime;
  });
}

/**
 * A client books a start time inside the reader's availability: a SCHEDULED session the reader then confirms,
 * optionally paid (its first minutes) with a booking credit, redeemed now (session-credits.ts).
 */
export async function bookSession(ctx: Context, input: { readerId: string; type: SessionType; startsAt: Date } & CreditChoice): Promise<Session> {
  const viewer = requireVerifiedViewer(ctx);
  if (input.readerId === viewer.id) throw badInput('You cannot book yourself.', { field: 'readerId' });
  if (input.startsAt.getTime() < Date.now() + 5 * 60_000) throw badInput('Book at least 5 minutes ahead.', { field: 'startsAt' });
  if (input.startsAt.getTime() > Date.now() + 90 * 86_400_000) throw badInput('Book at most 90 days ahead.', { field: 'startsAt' });
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const reader = await tx.reader.findUnique({ where: { userId: input.readerId }, select: { sessionTypes: true, rates: true } });
    if (!reader) throw notFound('Reader', { readerId: input.readerId });
    const rate = reader.rates.find((r) => r.sessionType === input.type);
    if (!rate || !reader.sessionTypes.includes(input.type)) {
      throw badInput(`This reader does not offer ${input.type.toLowerCase()} sessions.`, { field: 'type' });
    }
    // Serialise bookings of one reader so two clients cannot take the same start.
    await tx.$queryRaw`SELECT id FROM readers WHERE user_id = ${input.readerId} FOR UPDATE`;
    const slots = await tx.availability.findMany({ where: { readerId: input.readerId } });
    if (!insideAvailability(slots, input.startsAt)) {
      throw badInput('That time is outside the reader\'s availability.', { field: 'startsAt' });
    }
    const taken = await tx.session.findFirst({ where: { readerId: input.readerId, status: 'SCHEDULED', scheduledAt: input.startsAt } });
    // A retry of the same booking (its answer lost) gets the first one back, unchanged: no second hold, no event.
    if (taken && taken.clientId === viewer.id && taken.type === input.type) return taken;
    if (taken) throw conflict('That time is already booked.');
    const created = await tx.session.create({
      data: { clientId: viewer.id, readerId: input.readerId, type: input.type, status: 'SCHEDULED', rateCents: rate.ratePerMinuteCents, scheduledAt: input.startsAt },
    });
    // A booking paid with a booking credit holds it from now; declining or cancelling the booking gives it back.
    const s = await applyBookingCredit(ctx, tx, created, input);
    await emitSessionEvent(ctx, tx, after, s, 'SCHEDULED', new Date());
    return s;
  });
}

/** The reader confirms a booking (idempotent); the reminder job is scheduled before its start. */
export async function confirmBooking(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await lockSession(tx, sessionId);
    assertBookingReader(viewer, s);
    if (s.status !== 'SCHEDULED' || !s.scheduledAt) throw conflict('Only a scheduled booking can be confirmed.', { status: s.status });
    if (s.confirmedAt) return s;
    const confirmed = await tx.session.update({ where: { id: s.id }, data: { confirmedAt: new Date() } });
    const remindAt = new Date(Math.max(Date.now(), s.scheduledAt.getTime() - REMINDER_LEAD_SECONDS * 1000));
    await scheduleReminder(ctx, tx, s.id, remindAt);
    await scheduleDayBeforeReminder(ctx, tx, s.id, s.scheduledAt, new Date());
    await emitSessionEvent(ctx, tx, after, confirmed, 'CONFIRMED', new Date());
    return confirmed;
  });
}
