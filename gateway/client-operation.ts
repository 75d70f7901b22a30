import type { IncomingMessage } from 'node:http';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { Viewer } from '../shared/context.js';
import type { AppError } from '../shared/errors.js';
import type { PreparedOperation } from './subscription-plans.js';

/** One client's graphql-ws connection, as the subscription server keeps it (graphql-ws `ctx.extra`). */
export type ClientConnection = {
  viewer: Viewer | null;
  ip: string | null;
  userAgent: string | null;
  operations: number;
  /** When each subscribe message of the last minute arrived (flood guard). */
  subscribes: number[];
  expiryTimer?: NodeJS.Timeout;
  socket: WebSocket;
  request: IncomingMessage;
  /** Running subscriptions, each ended by its function with a last result (revocation). */
  live: Set<(result: ExecutionResult) => Promise<void>>;
  /** Set once revoked: no further operation starts. */
  revoked?: AppError;
  unwatch?: () => void;
};

/** One operation a client runs over its connection (the graphql-ws operation's contextValue). */
export interface ClientOperation {
  /** The client's graphql-ws operation id. */
  id: string;
  prepared: PreparedOperation;
  connection: ClientConnection;
  variables: Record<string, unknown>;
  query: string;
}

/** The variables of a subscription's primary fetch (the subgraph operation that streams its events). */
export function primaryVariables(op: ClientOperation): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of op.prepared.primary!.variableUsages ?? []) if (name in op.variables) variables[name] = op.variables[name];
  return variables;
}
