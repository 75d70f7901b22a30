import type { Context } from '../../shared/context.js';
import type { JobQueue } from '../../shared/jobs.js';
import type { MoneyPort } from '../../shared/money.js';
import { internal, paymentsNotConfigured } from '../../shared/errors.js';
import type { LiveKitService } from './services/livekit.js';

/** What readings' services need besides the database and pub/sub: `ctx.deps.readings` (built by startReadings). */
export interface ReadingsDeps {
  /** Payments' money port (shared/ports.ts); read at call time: payments may attach it after readings started. */
  readonly money: MoneyPort | undefined;
  /** LiveKit rooms and tokens (no media server: tokens only). */
  livekit: LiveKitService;
  /** Durable timers; null when the runtime has no job queue (the timers are then run by hand, as tests do). */
  jobs: JobQueue | null;
  /** The time transitions, timers and the billing sweep act at (tests drive a simulated clock). */
  clock: () => Date;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    readings?: ReadingsDeps;
  }
}

/** Readings' dependencies in this context (INTERNAL when the readings service is not running here). */
export function readingsDeps(ctx: Pick<Context, 'deps'>): ReadingsDeps {
  const deps = ctx.deps.readings;
  if (!deps) throw internal('The readings service is not running.');
  return deps;
}

/** The money port, or PAYMENTS_NOT_CONFIGURED: a session cannot run without billing. */
export function moneyOf(ctx: Pick<Context, 'deps'>): MoneyPort {
  const money = readingsDeps(ctx).money;
  if (!money) throw paymentsNotConfigured('Payments are not configured, so sessions cannot be billed.');
  return money;
}
