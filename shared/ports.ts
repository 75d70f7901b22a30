import type { Prisma } from './db/generated/client.js';
import type { NotificationKind, ReaderStatus, UserRole as Role, UserStatus } from './db/generated/enums.js';
import type { MoneyPort } from './money.js';
import type { PubSub } from './pubsub.js';
import { internal, paymentsNotConfigured } from './errors.js';

/**
 * THE LIST of cross-owner ports. Each subgraph writes only its own tables (prisma/<owner>.prisma; the suite's
 * ownership check enforces it). When one subgraph's rule has an effect on another owner's rows, it calls a function
 * that owner exports for exactly that effect, through one of the interfaces below. The owner implements it
 * (subgraphs/<owner>/ports.ts); the composition roots (scripts/: `npm start`, one process per service) build the
 * implementations and hand them to every service in its ServiceRuntime. No file under shared/ or gateway/ imports a
 * subgraph, and no subgraph imports another.
 *
 * | port           | owner    | used by             | for                                                      |
 * |----------------|----------|---------------------|----------------------------------------------------------|
 * | MoneyPort      | payments | readings, community | session minutes, gifts, stream tickets, refunds, balance |
 * | AccountsPort   | accounts | readings, community | reader presence, reader counters, suspension             |
 * | NotificationsPort | community | accounts, readings, payments | a notification and its queued deliveries   |
 * | PersonalDataPort | readings, community, payments | accounts | GDPR export (read) and account deletion (erase)  |
 */
export type { MoneyPort } from './money.js';
export type { UserStatus };

type Tx = Prisma.TransactionClient;

/** Topic of reader presence changes; payload ReaderStatusEvent. */
export const READER_STATUS_TOPIC = 'readerStatusChanged';

/**
 * Topic announcing, after commit, that something the reader directory shows changed for a reader other than its
 * presence (profile, rates, verification, rating, session count, name, activation); payload ReaderProfileEvent.
 * Accounts' cache of directory answers empties on it (and on READER_STATUS_TOPIC and user status changes).
 */
export const READER_PROFILE_TOPIC = 'readerProfileChanged';

export interface ReaderProfileEvent {
  readerId: string;
}

export interface ReaderStatusEvent {
  readerId: string;
  status: ReaderStatus;
}

/** What a status change did; hand it to `AccountsPort.publishUserStatusChange` after the transaction commits. */
export interface UserStatusChange {
  userId: string;
  from: UserStatus;
  to: UserStatus;
  role: Role;
  revokedRefreshTokens: number;
  presence: ReaderStatusEvent | null;
}

/** What accounts lets other subgraphs do to its rows. Every method runs inside the caller's transaction `tx`. */
export interface AccountsPort {
  /** BUSY while a request is pending or a session runs, back to ONLINE after; null when nothing changed. */
  setReaderPresence(tx: Tx, readerId: string, status: ReaderStatus): Promise<ReaderStatusEvent | null>;
  /** setReaderPresence for many readers in one statement; the changes made. */
  setReadersPresence(tx: Tx, readerIds: string[], status: ReaderStatus): Promise<ReaderStatusEvent[]>;
  /** After commit: announces a presence change (no-op for null). */
  publishReaderStatus(pubsub: PubSub, event: ReaderStatusEvent | null): Promise<void>;
  /** Sessions of these readers completed (one entry per session): counts them on the readers' profiles. */
  countCompletedSessions(tx: Tx, readerIds: string[]): Promise<void>;
  /** A review was written: adds its rating to the reader's aggregate. */
  addReaderRating(tx: Tx, readerId: string, rating: number): Promise<void>;
  /** The one path that changes a user's status (row lock, token revocation, invite expiry, reader offline). */
  changeUserStatus(tx: Tx, userId: string, status: UserStatus): Promise<UserStatusChange>;
  /** After commit: gateways drop the user's auth state and end their sockets; presence moves. */
  publishUserStatusChange(pubsub: PubSub, change: UserStatusChange): Promise<void>;
}

/** One notification to one user (docs/notifications.md). */
export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Ids the client links to (sessionId, readerId…); strings only. */
  data?: Record<string, string>;
  /** The same (user, key) is notified once however often the cause runs (a retried job, a replayed webhook). */
  dedupeKey?: string;
  /**
   * Email and push of notifications with the same (user, key) go out at most once per batching window (the
   * `notification_batch_window_minutes` setting): a reader going online ten times in an hour emails a follower once.
   */
  batchKey?: string;
}

/**
 * What community (the owner of notifications) lets other subgraphs do: write a notification and queue its deliveries
 * (one graphile-worker job per channel) inside the caller's transaction `tx`, so both exist exactly when the event
 * that caused them committed. Returns the notification's id, or null when `dedupeKey` was already notified.
 */
export interface NotificationsPort {
  notify(tx: Tx, input: NotifyInput): Promise<string | null>;
}

/**
 * What each owner of personal data (readings, community, payments) lets accounts do for a user's GDPR rights
 * (docs/privacy.md): read everything it holds about the user for the export archive, say why the account cannot be
 * deleted now, and anonymise its own personal content inside accounts' deletion transaction.
 */
export interface PersonalDataPort {
  /** The owner's name: the key of its section in the export archive. */
  readonly section: string;
  /** Everything this owner holds about `userId`, as plain JSON (no other user's private content). */
  exportUserData(db: Prisma.TransactionClient, userId: string): Promise<Record<string, unknown>>;
  /** Why deleting the account now would break a rule of this owner (a running session, money owed), or null. */
  deletionBlocker(tx: Tx, userId: string): Promise<{ reason: string; message: string } | null>;
  /** Anonymises this owner's personal content of `userId` in accounts' deletion transaction `tx`. */
  eraseUserData(tx: Tx, userId: string): Promise<void>;
}

/** Every port a service may be handed. Absent: that owner is not wired in this process (the call site says so). */
export interface Ports {
  money?: MoneyPort;
  accounts?: AccountsPort;
  notifications?: NotificationsPort;
  personalData?: PersonalDataPort[];
}

/** The money port, or PAYMENTS_NOT_CONFIGURED saying `why` (a deployment may run without payments). */
export function requireMoneyPort(money: MoneyPort | undefined, why: string): MoneyPort {
  if (!money) throw paymentsNotConfigured(why);
  return money;
}

/** The accounts port, or INTERNAL saying `why`: every composition root wires it (scripts/compose.ts). */
export function requireAccountsPort(accounts: AccountsPort | undefined, why: string): AccountsPort {
  if (!accounts) throw internal(why);
  return accounts;
}

/** The notifications port, or INTERNAL saying `why`: every composition root wires it (scripts/compose.ts). */
export function requireNotificationsPort(notifications: NotificationsPort | undefined, why: string): NotificationsPort {
  if (!notifications) throw internal(why);
  return notifications;
}
