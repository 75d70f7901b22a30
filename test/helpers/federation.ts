import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import os from 'node:os';
import path from 'node:path';
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { loadConfig, randomSecret, type Config } from '../../shared/config.js';
import { createPubSub, type PubSub } from '../../shared/pubsub.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { startLocalFederation, type LocalFederation } from '../../scripts/local-federation.js';
import { composeRuntime } from '../../scripts/compose.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestFederation extends LocalFederation {
  db: TestDatabase;
  runtime: ServiceRuntime;
  pubsub: PubSub;
  url: string;
  /** Runs an operation through the gateway as a client app would. */
  run<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, token?: string | null): Promise<GraphQLResponse<R>>;
  stop(): Promise<void>;
}

export interface GraphQLResponse<R> {
  status: number;
  data?: R | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Fresh random secrets on every call (JWT, gateway; LiveKit's are random without LIVEKIT_URL): nothing fixed signs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const secrets = { JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() };
  // Emails of tests that do not read them go to files in the temp dir, never into the checkout's .data/ (a test that
  // reads mail passes config.mail.smtpUrl: test/helpers/smtp.ts).
  const env = { NODE_ENV: 'test', ...secrets, LOGIN_FAILURES_BEFORE_BACKOFF: '5', LOGIN_ATTEMPTS_PER_IP: '1000', REGISTRATIONS_PER_IP: '100000', DATA_DIR: path.join(os.tmpdir(), 'soulseer-test') };
  const loaded = loadConfig(env);
  return {
    ...loaded,
    mail: { ...loaded.mail, dir: path.join(os.tmpdir(), 'soulseer-test-mail') },
    dev: false,
    // Seeds write rows behind the API's back, which no cache hears of: tests that want the directory cache ask.
    readerDirectoryCacheSeconds: 0,
    ...overrides,
  };
}

export async function postGraphQL<R>(url: string, body: unknown, token?: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: ExecutionResult<R> = {};
  try {
    json = JSON.parse(text) as ExecutionResult<R>;
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, data: json.data, errors: json.errors as readonly GraphQLFormattedError[] | undefined };
}

/** Boots the four subgraphs and the gateway on free ports over a fresh database schema. */
export async function startTestFederation(
  options: { config?: Partial<Config>; redisUrl?: string; databaseUrl?: string; poolSize?: number; connectionTimeoutMillis?: number } = {},
): Promise<TestFederation> {
  const db = await createTestDatabase({ baseUrl: options.databaseUrl, poolSize: options.poolSize, connectionTimeoutMillis: options.connectionTimeoutMillis });
  const config = testConfig(options.config);
  const pubsub = createPubSub({ redisUrl: options.redisUrl ?? null, prefix: `${db.schema}:` });
  // Durable timers (readings): one queue schema shared by all test files (installing one notifies every
  // worker to stop), task names and job keys prefixed per file; polled often so tests need not wait.
  const jobs = { connectionString: db.url, schema: 'test_jobs', prefix: `${db.schema}:`, pollIntervalMs: 100 };
  const runtime: ServiceRuntime = composeRuntime({ config, prisma: db.prisma, pubsub, jobs });
  const federation = await startLocalFederation(runtime);
  const url = federation.gateway.url;
  return {
    ...federation,
    db,
    runtime,
    pubsub,
    url,
    run: <R, V>(doc: TypedDocumentNode<R, V>, variables?: V, token?: string | null) =>
      postGraphQL<R>(url, { query: print(doc), variables }, token),
    async stop() {
      await federation.close();
      await pubsub.close();
      // This file's leftover timers (its sessions are gone with its schema).
      await db.sql(
        `DELETE FROM "${jobs.schema}"._private_jobs j USING "${jobs.schema}"._private_tasks t WHERE j.task_id = t.id AND t.identifier LIKE $1`,
        [`${jobs.prefix}%`],
      );
      await db.drop();
    },
  };
}

/** The first error's code, for assertions. */
export function errorCode(res: { errors?: readonly GraphQLFormattedError[] }): string | undefined {
  return res.errors?.[0]?.extensions?.code as string | undefined;
}
