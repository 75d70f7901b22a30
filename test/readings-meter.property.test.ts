import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../shared/db/generated/client.js';
import { backgroundContext, type Context, type Viewer } from '../shared/context.js';
import { createPubSub, type PubSub } from '../shared/pubsub.js';
import { AppError } from '../shared/errors.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { createSeed, type Seed } from './helpers/seed.js';
import type { PaymentsMoney } from '../subgraphs/payments/services/money.js';
import { createMoneyPort } from '../subgraphs/payments/ports.js';
import { createAccountsPort } from '../subgraphs/accounts/ports.js';
import type { ReadingsDeps } from '../subgraphs/readings/deps.js';
import { LiveKitService } from '../subgraphs/readings/services/livekit.js';
import { billingSweep } from '../subgraphs/readings/services/billing-sweep.js';
import { sendMessage } from '../subgraphs/readings/services/chat.js';
import { joinSession, leaveSession } from '../subgraphs/readings/services/participants.js';
import { graceExpired, noShow } from '../subgraphs/readings/services/timers.js';
import { acceptSession, endSession, requestSession } from '../subgraphs/readings/services/transitions.js';

/**
 * Property: whatever random sequence of joins, leaves, messages and ends both sides of a session make over
 * simulated time (the billing sweep and the timers running when they are due, as the job runner would), against
 * the real service and real PostgreSQL:
 * - connected time never exceeds billed minutes × 60 s (each minute is paid when it starts);
 * - a participant's message lands only while the session bills (in progress, both connected), inside a paid
 *   minute; every other message is refused with CONFLICT / SESSION_NOT_BILLING;
 * - pauses never last longer than the session's grace budget in total.
 */
const GRACE = 120;
let db: TestDatabase;
let pubsub: PubSub;
let money: PaymentsMoney;
let deps: ReadingsDeps;
let seed: Seed;
/** The context a request of this viewer (null: a job) gets. */
const as = (viewer: Viewer | null): Context => ({ ...backgroundContext({ prisma: db.prisma, pubsub }, { readings: deps }), viewer });
let clock = new Date('2030-01-01T00:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 6 });
  pubsub = createPubSub({ prefix: `${db.schema}:` });
  money = createMoneyPort(db.prisma, pubsub);
  seed = createSeed({ prisma: db.prisma, jwtSecret: 'property-secret', money });
  deps = {
    money,
    accounts: createAccountsPort(),
    jobs: null, // timers are run by the test when due
    livekit: new LiveKitService({ url: null, apiKey: 'APIproperty', apiSecret: 'property-test-livekit-secret-0123456789abcdef' }),
    clock: () => new Date(clock.getTime()),
  };
}, 60_000);

afterAll(async () => {
  await pubsub?.close();
  await db?.drop();
});

type Side = 'client' | 'reader';
type Op =
  | { kind: 'advance'; seconds: number }
  | { kind: 'join' | 'leave' | 'message' | 'end'; side: Side }
  /** The cheat the budget stops: leave, stay away a while (chatting is refused meanwhile), come back. */
  | { kind: 'flap'; side: Side; seconds: number };

const side = fc.constantFrom<Side>('client', 'reader');
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 30, max: 130 })) }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant('join' as const), side }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('leave' as const), side }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant('message' as const), side }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant('flap' as const), side, seconds: fc.integer({ min: 20, max: 90 }) }), weight: 6 },
  // Rare, so most runs go on long enough to pause, resume and spend the grace budget (each run ends it anyway).
  { arbitrary: fc.record({ kind: fc.constant('end' as const), side }), weight: 1 },
);

const connected = (s: Session, now: Date) => s.connectedSeconds + (s.resumedAt ? Math.floor((now.getTime() - s.resumedAt.getTime()) / 1000) : 0);
const billing = (s: Session) => s.status === 'IN_PROGRESS' && s.resumedAt !== null;
const row = (id: string) => db.prisma.session.findUniqueOrThrow({ where: { id } });

/** Refusals a participant may get in a random sequence (a wrong state, an empty wallet). */
async function expected<T>(p: Promise<T>): Promise<T | AppError> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'INSUFFICIENT_FUNDS')) return e;
    throw e;
  }
}

/** The next moment something is due for this session: a minute starts, the grace budget or the no-show runs out. */
function nextDue(s: Session, grace: number): Date | null {
  const due: number[] = [];
  if (s.status === 'IN_PROGRESS' && s.resumedAt) due.push(s.resumedAt.getTime() + (s.billedMinutes * 60 - s.connectedSeconds) * 1000);
  if (s.status === 'IN_PROGRESS' && s.graceStartedAt) due.push(s.graceStartedAt.getTime() + Math.max(0, grace - s.graceUsedSeconds) * 1000);
  if (s.status === 'ACCEPTED' && s.acceptedAt) due.push(s.acceptedAt.getTime() + grace * 1000);
  return due.length ? new Date(Math.min(...due)) : null;
}

/** What the job runner does at `clock`: the billing sweep and the session's timers (each checks its own due time). */
async function runDue(id: string, s: Session) {
  if (s.status === 'IN_PROGRESS' && s.resumedAt) await billingSweep(as(null), new Date(clock.getTime()));
  if (s.status === 'IN_PROGRESS' && s.graceStartedAt) await graceExpired(as(null), id);
  if (s.status === 'ACCEPTED') await noShow(as(null), id);
}

/** Moves the clock forward, stopping at every moment something falls due (as a runner polling every second would). */
async function advance(id: string, seconds: number) {
  const target = clock.getTime() + seconds * 1000;
  for (let guard = 0; ; guard++) {
    // Due and still due after the sweep and the timers ran: a pause outlasting the grace budget, an unpaid minute
    // or a missed no-show.
    if (guard > 500) throw new Error(`session ${id}: still due at ${clock.toISOString()} after the sweep and the timers ran`);
    const s = await row(id);
    const due = nextDue(s, GRACE);
    if (!due || due.getTime() > target) break;
    clock = new Date(Math.max(clock.getTime(), due.getTime()));
    await runDue(id, s);
  }
  clock = new Date(target);
  await runDue(id, await row(id));
}

async function invariants(id: string) {
  const s = await row(id);
  // Each minute is paid when it starts: connected time stays within the paid minutes.
  const c = s.endedAt ? (s.duration ?? 0) : connected(s, clock);
  expect(c).toBeLessThanOrEqual(s.billedMinutes * 60);
  const charged = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM transactions WHERE session_id = $1 AND type = 'SESSION_CHARGE'`, [id]);
  expect(charged[0]!.n).toBe(s.billedMinutes);
  // Pauses never outlast the budget.
  expect(s.graceUsedSeconds).toBeLessThanOrEqual(GRACE);
  if (s.status === 'IN_PROGRESS' && s.graceStartedAt) {
    expect(clock.getTime() - s.graceStartedAt.getTime()).toBeLessThanOrEqual((GRACE - s.graceUsedSeconds) * 1000);
  }
}

const outcomes = new Map<string, number>();
const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);

describe('the meter under random join/leave/message/end sequences', () => {
  it('never lets connected time or a message outrun the paid minutes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 500 }),
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom(0, 1, 2, 2, 2),
        fc.array(op, { minLength: 5, maxLength: 20 }),
        async (rate, minutesOfFunds, joinedFirst, ops) => {
          const reader = await seed.reader().online().withRates({ CHAT: rate }).create();
          const client = await seed.client().withCredit(Math.max(500 + rate, rate * minutesOfFunds)).create();
          const viewers: Record<Side, Viewer> = { client: { id: client.id, role: 'CLIENT' }, reader: { id: reader.id, role: 'READER' } };
          const { id } = await requestSession(as(viewers.client), { readerId: reader.id, type: 'CHAT' });
          await acceptSession(as(viewers.reader), id);
          // Most runs start with one or both in the room, so the running states get most of the steps.
          if (joinedFirst >= 1) await joinSession(as(viewers.client), id);
          if (joinedFirst >= 2) await joinSession(as(viewers.reader), id);

          for (const o of ops) {
            if (o.kind === 'advance') {
              await advance(id, o.seconds);
            } else if (o.kind === 'flap') {
              const left = await expected(leaveSession(as(viewers[o.side]), id));
              count(`flap leave ${left instanceof AppError ? left.code : 'ok'}`);
              await invariants(id);
              await advance(id, o.seconds);
              await invariants(id);
              const back = await expected(joinSession(as(viewers[o.side]), id));
              count(`flap join ${back instanceof AppError ? back.code : 'ok'}`);
            } else if (o.kind === 'message') {
              const before = await row(id);
              const sent = await expected(sendMessage(as(viewers[o.side]), { sessionId: id, content: 'hello', clientKey: null }));
              const after = await row(id);
              if (sent instanceof AppError) {
                expect(sent.code).toBe('CONFLICT');
                expect(sent.extensions.reason).toBe('SESSION_NOT_BILLING');
                // Refused only when it was not billing (or the next minute could not be paid, which ended it).
                expect(!billing(before) || after.endReason === 'INSUFFICIENT_FUNDS').toBe(true);
                count(`message refused`);
              } else {
                // Written while billing, inside a minute already paid.
                expect(billing(after)).toBe(true);
                expect(after.clientConnected && after.readerConnected).toBe(true);
                expect(connected(after, clock)).toBeLessThan(after.billedMinutes * 60);
                expect(sent.createdAt.getTime()).toBe(clock.getTime());
                count('message sent');
              }
            } else {
              const run = { join: joinSession, leave: leaveSession, end: endSession }[o.kind];
              const r = await expected(run(as(viewers[o.side]), id));
              count(`${o.kind} ${r instanceof AppError ? r.code : 'ok'}`);
            }
            await invariants(id);
          }
          // Whatever state it was left in, ending it keeps the invariants.
          await expected(endSession(as(viewers.client), id));
          await invariants(id);
          const end = await row(id);
          count(`final ${end.status} ${end.endReason}`);
        },
      ),
      { numRuns: 15, endOnFailure: true },
    );
    console.log('[meter property] outcomes:', Object.fromEntries([...outcomes].sort()));
    // The runs reached the interesting states.
    expect(outcomes.get('message sent') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('message refused') ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
