import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { logScope } from './request-scope.js';

/**
 * The one logger of a process: structured JSON lines (pino) on stderr, so stdout stays free for the one-line
 * "ready" records scripts wait for. Each service logs through `logger(service)`, a child that stamps every line with
 * `service` (the four subgraphs and the gateway share one process under `npm start`).
 *
 * Level: LOG_LEVEL (trace…fatal, silent); default `info`, and `warn` under vitest so a test run prints only what
 * went wrong. Never log a token, password, secret, email or message content: log ids.
 *
 * Every line written while a request, subscription event or job runs carries its `requestId`, and `traceId` /
 * `spanId` when it is traced (shared/request-scope.ts, shared/telemetry.ts). As a second line of defence, the
 * usual sensitive keys are redacted wherever they appear (two levels deep), and error messages and stacks have
 * anything shaped like an email address, a bearer token or a JWT masked.
 */

/** Keys whose values never reach a log line (any casing variants the code uses), at the top level and nested. */
export const REDACTED_KEYS = [
  'password', 'newPassword', 'currentPassword', 'oldPassword', 'token', 'accessToken', 'refreshToken', 'idToken',
  'authorization', 'Authorization', 'cookie', 'secret', 'clientSecret', 'client_secret', 'apiKey', 'apiSecret',
  'email', 'content', 'body', 'text', 'variables', 'connectionParams', 'x-soulseer-viewer',
];
const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`];
});

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const BEARER = /\b(Bearer)\s+\S+/gi;
/** Masks what looks like an email address, a JWT or a bearer credential in free text (error messages, stacks). */
export function maskSecrets(text: string): string {
  return text.replace(EMAIL, '[email]').replace(JWT, '[jwt]').replace(BEARER, '$1 [redacted]');
}

function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  for (const key of ['message', 'stack'] as const) if (typeof out[key] === 'string') out[key] = maskSecrets(out[key] as string);
  return out;
}

let sink: ((line: string) => void) | null = null;
const stderr = pino.destination({ dest: 2, sync: true });
/** stderr, unless a test captures the lines (captureLogs). */
const destination: DestinationStream = {
  write(line: string) {
    if (sink) sink(line);
    else stderr.write(line);
  },
};

const defaultLevel = process.env.LOG_LEVEL || (process.env.VITEST ? 'warn' : 'info');
const root: Logger = pino({
  level: defaultLevel,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: logScope,
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  serializers: { err: serializeError },
}, destination);

const children = new Map<string, Logger>();

/** The logger of one service (`accounts`, `readings`, `payments`, `community`, `gateway`, `jobs`, `db`…). */
export function logger(service: string): Logger {
  let child = children.get(service);
  if (!child) children.set(service, (child = root.child({ service })));
  return child;
}

/**
 * Sends every log line of this process to `onLine` (not stderr) at `level`, until the returned function is called.
 * For tests that read the log (test/e2e/log-hygiene.test.ts).
 */
export function captureLogs(onLine: (line: string) => void, level: Level = 'debug'): () => void {
  sink = onLine;
  const set = (l: string) => {
    root.level = l;
    for (const child of children.values()) child.level = l;
  };
  set(level);
  return () => {
    sink = null;
    set(defaultLevel);
  };
}

/** `{ err }` for pino's error serializer, from anything thrown. */
export const errorField = (error: unknown) => ({ err: error instanceof Error ? error : new Error(String(error)) });

export type { Logger };
