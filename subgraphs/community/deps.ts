import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccountsPort, MoneyPort, NotificationsPort } from '../../shared/ports.js';
import type { UnsubscribeTokens } from './services/notification-email.js';

export interface CommunityLimiters {
  /** Direct messages per user. */
  message: RateLimiterAbstract;
  /** Forum posts and replies per user. */
  forumWrite: RateLimiterAbstract;
  /** Content flags per user. */
  flag: RateLimiterAbstract;
  /** Stream chat messages per user. */
  streamChat: RateLimiterAbstract;
  /** Gifts per user (the money caps are separate, in settings). */
  gift: RateLimiterAbstract;
}

export interface CommunityDeps {
  /** Payments' money interface; read at call time because payments may attach it after start. */
  readonly money: MoneyPort | undefined;
  /** Accounts' port (suspending a flagged author); read at call time, as the composition root wires it. */
  readonly accounts: AccountsPort | undefined;
  /** Community's own notifications port (the same object other subgraphs get), for paid replies and flags. */
  readonly notifications: NotificationsPort | undefined;
  /** Signs and checks the unsubscribe links of notification emails. */
  unsubscribe: UnsubscribeTokens;
  /** Web push: the VAPID public key clients subscribe with (null: push not configured) and whether http endpoints pass. */
  webPush: { publicKey: string | null; allowHttpEndpoints: boolean };
  livekit: { url: string | null; apiKey: string; apiSecret: string; tokenTtlSeconds: number };
  limiters: CommunityLimiters;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    community?: CommunityDeps;
  }
}
