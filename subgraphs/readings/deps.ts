import type { Context } from '../../shared/context.js';
import type { JobQueue } from '../../shared/jobs.js';
import type { AccountsPort, MoneyPort, NotificationsPort } from '../../shared/ports.js';
import type { LiveKitService } from './services/livekit.js';
import { depsOf } from '../../shared/context.js';
import { requireAccountsPort, requireMoneyPort } from '../../shared/ports.js';

/** What readings' services need besides the database and pub/sub: `ctx.deps.readings` (built by startReadings). */
export interface ReadingsDeps {
  /** Payments' money port (shared/ports.ts): session minutes and the client's balance. Absent: sessions refused. */
  readonly money: MoneyPort | undefined;
  /** Accounts' port (shared/ports.ts): reader presence, the completed-sessions counter, the rating aggregate. */
  readonly accounts: AccountsPort | undefined;
  /** Community's notifications port: booking, reminder, missed-request and review notices, in the cause's transaction. */
  readonly notifications?: NotificationsPort;
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
  return depsOf(ctx, 'readings');
}

/** The money port, or PAYMENTS_NOT_CONFIGURED: a session cannot run without billing. */
export function moneyOf(ctx: Pick<Context, 'deps'>): MoneyPort {
  return requireMoneyPort(readingsDeps(ctx).money, 'Payments are not configured, so sessions cannot be billed.');
}

/** The accounts port, or INTERNAL: readings cannot hold or free a reader without it (the composition root wires it). */
export function accountsOf(ctx: Pick<Context, 'deps'>): AccountsPort {
  return requireAccountsPort(readingsDeps(ctx).accounts, 'Accounts is not wired in this process, so readers cannot be held for sessions.');
}
