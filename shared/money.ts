import type { Prisma } from './db/generated/client.js';

/**
 * The money interface other subgraphs call. Payments implements it (subgraphs/payments/services/money.ts)
 * over its ledger; readings and community receive it through the ServiceRuntime and never touch ledger
 * tables themselves. Every method is idempotent on its key and may run inside the caller's transaction
 * (pass `tx`) so that, e.g., a gift row and its payment commit together.
 */
export type Tx = Prisma.TransactionClient;

export interface SessionFundsCheck {
  ok: boolean;
  balanceCents: number;
  /** What the rules require to start: max(minimum balance, one minute at the rate); 0 when a credit pays minute 1. */
  requiredCents: number;
  /** Minutes of the session a redeemed booking credit pays (0 without one, or when no session was given). */
  prepaidMinutes: number;
}

export type MinuteChargeResult =
  | { status: 'CHARGED' | 'ALREADY_CHARGED'; transactionId: string; balanceCents: number; lowBalance: boolean }
  /**
   * The minute is one a redeemed booking credit pays (paid at the sale, the reader's share included): nothing
   * moved; it counts as paid. `lowBalance` counts the credit's minutes left as balance.
   */
  | { status: 'COVERED'; balanceCents: number; lowBalance: boolean }
  | { status: 'INSUFFICIENT_FUNDS'; balanceCents: number };

export interface RedeemBookingCreditInput {
  clientId: string;
  readerId: string;
  /** The session being created; at most one credit per session. */
  sessionId: string;
  sessionType: 'CHAT' | 'CALL' | 'VIDEO';
  /** The credit the client chose; null or absent: the client's available one with this reader and type expiring first. */
  creditId?: string | null;
}

export interface BookingCreditRedemption {
  creditId: string;
  /** Minutes it pays: the session's first ones. */
  minutes: number;
}

export interface PurchaseInput {
  /** Repeating a key returns the first result and moves nothing. */
  idempotencyKey: string;
  clientId: string;
  /** The reader who earns the share; null for platform sales. */
  readerId: string | null;
  amountCents: number;
  type: 'PURCHASE' | 'GIFT_PURCHASE';
  giftId?: string;
  description: string;
  metadata?: Prisma.InputJsonValue;
}

export interface PurchaseResult {
  transactionId: string;
  balanceCents: number;
  readerShareCents: number;
  platformShareCents: number;
  /** True when the key had been used before and nothing moved now. */
  replayed: boolean;
}

export interface MoneyPort {
  balanceOf(userId: string, tx?: Tx): Promise<number>;
  /** balanceOf for many users in one query. */
  balancesOf(userIds: string[], tx?: Tx): Promise<Map<string, number>>;
  /**
   * Whether the client may start a session at this rate. With `sessionId`, minutes a booking credit redeemed for that
   * session pays count as paid: a session whose first minute is prepaid needs no balance to start.
   */
  checkSessionFunds(clientId: string, rateCents: number, tx?: Tx, opts?: { sessionId?: string }): Promise<SessionFundsCheck>;
  /**
   * Redeems a booking credit (docs/payments.md "Booking credits") for a session being created, inside the caller's
   * transaction: CONFLICT / NOT_FOUND / BAD_USER_INPUT with a reason when the chosen credit cannot be used; null
   * when no credit was chosen and none applies. Idempotent per session.
   */
  redeemBookingCredit(tx: Tx, input: RedeemBookingCreditInput): Promise<BookingCreditRedemption | null>;
  /** The session ended before it started: its credit is available again (true) or there was none (false). */
  releaseBookingCredit(tx: Tx, sessionId: string): Promise<boolean>;
  /** Charges minute `minute` (1-based) of a session at its start, exactly once per (session, minute). */
  chargeSessionMinute(
    input: { sessionId: string; clientId: string; readerId: string; minute: number; rateCents: number },
    tx?: Tx,
  ): Promise<MinuteChargeResult>;
  /**
   * The billing sweep: charges many (session, minute) pairs at once with set-based SQL, each exactly once;
   * results are in input order. Readings computes which minutes are due (it owns the sessions); payments
   * moves the money.
   */
  chargeSessionMinutes(
    inputs: Array<{ sessionId: string; clientId: string; readerId: string; minute: number; rateCents: number }>,
  ): Promise<MinuteChargeResult[]>;
  /** Pays from the client's wallet with the reader/platform split; throws INSUFFICIENT_FUNDS when short. */
  purchase(input: PurchaseInput, tx?: Tx): Promise<PurchaseResult>;
}

/**
 * Options for transactions that move money: under load, wait for a pooled connection (and the per-client lock
 * taken inside) longer than Prisma's 2-second default instead of failing a paid action with INTERNAL.
 */
export const MONEY_TX = { maxWait: 10_000, timeout: 20_000 } as const;
