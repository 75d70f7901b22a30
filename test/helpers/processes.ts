import { spawn } from 'node:child_process';
import { expect } from 'vitest';

// Starts an entry point (a service, the gateway, npm start's script) as its own process and reports how it ended.

const SECRET_VARS = ['JWT_SECRET', 'GATEWAY_SECRET', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'EXPOSE_ERROR_DETAILS'];

export interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs `file` with tsx and the given environment (secrets and NODE_ENV unset unless given); a process that gets ready is killed (code null). */
export function runEntryPoint(file: string, env: Record<string, string>): Promise<Exit> {
  const base = { ...process.env };
  // NODE_ENV unset, as on a default start (it used to mean "development" and fixed secrets).
  for (const v of [...SECRET_VARS, 'NODE_ENV']) delete base[v];
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...base, REDIS_URL: '', PORT: '0', ACCOUNTS_PORT: '0', READINGS_PORT: '0', PAYMENTS_PORT: '0', COMMUNITY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => {
    // A process that started (the configuration was accepted) is stopped and reported as code null.
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    child.stdout!.on('data', () => {
      if (stdout.includes('"ready":true') || stdout.includes('SoulSeer API ready')) child.kill('SIGKILL');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** Refused at start: exit 1, ONE line on stderr containing `text`, no stack trace, never ready. */
export function expectRefused(exit: Exit, text: string) {
  expect(exit.code, exit.stdout + exit.stderr).toBe(1);
  const lines = exit.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(text);
  expect(exit.stderr).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
  expect(exit.stdout).not.toContain('"ready":true');
}

