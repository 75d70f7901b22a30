import type { Config } from './config.js';
import type { PrismaClient } from './db/generated/client.js';
import type { PubSub } from './pubsub.js';
import type { AccountsPort, MoneyPort, NotificationsPort, PersonalDataPort } from './ports.js';
import type { JobsConfig } from './jobs.js';

/** What a service process holds for its lifetime: configuration, one database pool, one pub/sub. */
export interface ServiceRuntime {
  config: Config;
  prisma: PrismaClient;
  pubsub: PubSub;
  /** Payments' money interface, for readings and community (shared/ports.ts; wired by the composition root). */
  money?: MoneyPort;
  /** Accounts' interface for effects on its rows (shared/ports.ts; wired by the composition root). */
  accounts?: AccountsPort;
  /** Community's notifications: a notification and its deliveries, written in the caller's transaction. */
  notifications?: NotificationsPort;
  /** Every owner's personal-data functions (readings, community, payments), for accounts' export and deletion. */
  personalData?: PersonalDataPort[];
  /** Durable job queue (graphile-worker) for timers; absent: no timers run (readings warns at start). */
  jobs?: JobsConfig;
}

/** A runtime before its cross-owner ports are wired (the composition root, scripts/compose.ts, wires them). */
export type BaseRuntime = Omit<ServiceRuntime, 'money' | 'accounts' | 'notifications' | 'personalData'>;
