/** Limits and modes of the gateway's graphql-ws server (subscription-server.ts). */
export interface SubscriptionLimits {
  /** Operations one client connection may hold open at once. */
  maxOperationsPerConnection: number;
  /** Subscribe messages one connection may send per minute (flood guard). */
  maxSubscribesPerMinute: number;
  /** Events queued for a client that reads too slowly before its subscription is ended. */
  maxQueuedEvents: number;
  /** How long a subscription waits for its subgraph to come back after its socket dropped. */
  recoveryWindowMs: number;
  /** Client connections must send connection_init within this time. */
  connectionInitWaitMs: number;
  /** Ping each subgraph socket this often (subscription-upstream.ts); one that does not answer in pongTimeoutMs is closed. */
  keepAliveMs: number;
  pongTimeoutMs: number;
  /**
   * Ping each client socket about this often; one that has not answered by its next turn is terminated
   * (keep-alive.ts; graphql-ws's own default was 12 s).
   */
  clientKeepAliveMs: number;
  /**
   * How each event's fields from other subgraphs are fetched: 'socket' sends the planner's `_entities` fetch as a
   * query on the gateway's multiplexed graphql-ws socket to that subgraph, with the viewer's signed identity,
   * merging identical in-flight fetches of the same viewer; 'http' uses the gateway's HTTP data sources (signed
   * header, the de-duplicating fetcher) exactly as queries do.
   */
  eventFetch: 'socket' | 'http';
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxOperationsPerConnection: 50,
  maxSubscribesPerMinute: 300,
  maxQueuedEvents: 500,
  recoveryWindowMs: 10_000,
  connectionInitWaitMs: 5_000,
  keepAliveMs: 10_000,
  pongTimeoutMs: 5_000,
  clientKeepAliveMs: 12_000,
  eventFetch: 'socket',
};
