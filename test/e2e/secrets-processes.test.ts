import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { randomSecret } from '../../shared/config.js';

// Every process that uses DATABASE_URL (a service on its own, npm start with DATABASE_URL) and the standalone
// gateway refuse to start without their secrets: one line on stderr naming the variable, exit 1, no stack trace.
// Nothing listens, nothing connects (the database below does not exist).

const SECRET_VARS = ['JWT_SECRET', 'GATEWAY_SECRET', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'EXPOSE_ERROR_DETAILS'];
const DATABASE_URL = 'postgresql://postgres@127.0.0.1:9/none?connect_timeout=1';

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

function run(file: string, env: Record<string, string>): Promise<Exit> {
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

function expectRefused(exit: Exit, variable: string) {
  expect(exit.code, exit.stdout + exit.stderr).toBe(1);
  const lines = exit.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(exit.stderr).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
  expect(exit.stdout).not.toContain('"ready":true');
}

const secrets = () => ({ JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });

describe('a process refuses to start without its secrets', { timeout: 120_000 }, () => {
  it('a service with DATABASE_URL but no JWT_SECRET', async () => {
    const { GATEWAY_SECRET } = secrets();
    expectRefused(await run('subgraphs/accounts/main.ts', { DATABASE_URL, GATEWAY_SECRET }), 'JWT_SECRET');
  });

  it('a service with a JWT_SECRET shorter than 32 bytes, and one without GATEWAY_SECRET', async () => {
    const [short, noGateway] = await Promise.all([
      run('subgraphs/accounts/main.ts', { DATABASE_URL, JWT_SECRET: 'a'.repeat(31), GATEWAY_SECRET: randomSecret() }),
      run('subgraphs/community/main.ts', { DATABASE_URL, JWT_SECRET: randomSecret() }),
    ]);
    expectRefused(short, 'JWT_SECRET');
    expect(short.stderr).toMatch(/JWT_SECRET is too short \(31 bytes\)/);
    expectRefused(noGateway, 'GATEWAY_SECRET');
    expect(noGateway.stderr).not.toMatch(/JWT_SECRET is/);
  });

  it('the standalone gateway without GATEWAY_SECRET or with a short JWT_SECRET', async () => {
    const [noGateway, short] = await Promise.all([
      run('gateway/main.ts', { JWT_SECRET: randomSecret() }),
      run('gateway/main.ts', { JWT_SECRET: 'too-short', GATEWAY_SECRET: randomSecret() }),
    ]);
    expectRefused(noGateway, 'GATEWAY_SECRET');
    expectRefused(short, 'JWT_SECRET');
  });

  it('npm start with DATABASE_URL and no secrets (the embedded secrets are for the embedded default only)', async () => {
    expectRefused(await run('scripts/start.ts', { DATABASE_URL }), 'JWT_SECRET');
  });

  it('LIVEKIT_URL without LIVEKIT_API_KEY / LIVEKIT_API_SECRET', async () => {
    const [noKey, noSecret] = await Promise.all([
      run('subgraphs/readings/main.ts', { DATABASE_URL, ...secrets(), LIVEKIT_URL: 'wss://livekit.example.com', LIVEKIT_API_SECRET: randomSecret() }),
      run('subgraphs/community/main.ts', { DATABASE_URL, ...secrets(), LIVEKIT_URL: 'wss://livekit.example.com', LIVEKIT_API_KEY: 'APIkey' }),
    ]);
    expectRefused(noKey, 'LIVEKIT_API_KEY');
    expectRefused(noSecret, 'LIVEKIT_API_SECRET');
  });

  it('STRIPE_SECRET_KEY without STRIPE_WEBHOOK_SECRET', async () => {
    expectRefused(await run('subgraphs/payments/main.ts', { DATABASE_URL, ...secrets(), STRIPE_SECRET_KEY: 'sk_test_123' }), 'STRIPE_WEBHOOK_SECRET');
  });
});
