import { pino, type Logger } from 'pino';

/**
 * The one logger of a process: structured JSON lines (pino) on stderr, so stdout stays free for the one-line
 * "ready" records scripts wait for. Each service logs through `logger(service)`, a child that stamps every line with
 * `service` (the four subgraphs and the gateway share one process under `npm start`).
 *
 * Level: LOG_LEVEL (trace…fatal, silent); default `info`, and `warn` under vitest so a test run prints only what
 * went wrong. Never log a token, password, secret, email or message content: log ids.
 */
const root: Logger = pino({
  level: process.env.LOG_LEVEL || (process.env.VITEST ? 'warn' : 'info'),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
}, pino.destination({ dest: 2, sync: true }));

const children = new Map<string, Logger>();

/** The logger of one service (`accounts`, `readings`, `payments`, `community`, `gateway`, `jobs`, `db`…). */
export function logger(service: string): Logger {
  let child = children.get(service);
  if (!child) children.set(service, (child = root.child({ service })));
  return child;
}

/** `{ err }` for pino's error serializer, from anything thrown. */
export const errorField = (error: unknown) => ({ err: error instanceof Error ? error : new Error(String(error)) });

export type { Logger };
