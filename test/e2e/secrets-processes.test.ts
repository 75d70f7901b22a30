import { describe, expect, it } from 'vitest';
import { randomSecret } from '../../shared/config.js';
import { expectRefused, runEntryPoint } from '../helpers/processes.js';

// Every process that uses DATABASE_URL (a service on its own, npm start with DATABASE_URL) and the standalone
// gateway refuse to start without their secrets: one line on stderr naming the variable, exit 1, no stack trace.
// Nothing listens, nothing connects (the database below does not exist).

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:9/none?connect_timeout=1';
const run = runEntryPoint;

const secrets = () => ({ JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });

describe('a process refuses to start without its secrets', { timeout: 120_000 }, () => {
  it('a service with DATABASE_URL but no JWT_SECRET', async () => {
    const { GATEWAY_SECRET } = secrets();
    expectRefused(await run('scripts/services/accounts.ts', { DATABASE_URL, GATEWAY_SECRET }), 'JWT_SECRET');
  });

  it('a service with a JWT_SECRET shorter than 32 bytes, and one without GATEWAY_SECRET', async () => {
    const [short, noGateway] = await Promise.all([
      run('scripts/services/accounts.ts', { DATABASE_URL, JWT_SECRET: 'a'.repeat(31), GATEWAY_SECRET: randomSecret() }),
      run('scripts/services/community.ts', { DATABASE_URL, JWT_SECRET: randomSecret() }),
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
      run('scripts/services/readings.ts', { DATABASE_URL, ...secrets(), LIVEKIT_URL: 'wss://livekit.example.com', LIVEKIT_API_SECRET: randomSecret() }),
      run('scripts/services/community.ts', { DATABASE_URL, ...secrets(), LIVEKIT_URL: 'wss://livekit.example.com', LIVEKIT_API_KEY: 'APIkey' }),
    ]);
    expectRefused(noKey, 'LIVEKIT_API_KEY');
    expectRefused(noSecret, 'LIVEKIT_API_SECRET');
  });

  it('STRIPE_SECRET_KEY without STRIPE_WEBHOOK_SECRET', async () => {
    expectRefused(await run('scripts/services/payments.ts', { DATABASE_URL, ...secrets(), STRIPE_SECRET_KEY: 'sk_test_123' }), 'STRIPE_WEBHOOK_SECRET');
  });
});
