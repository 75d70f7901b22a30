import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { runFrom } from './accounts-fixtures.js';
import { createSeed, PASSWORD, uniqueEmail } from '../helpers/seed.js';

// With REDIS_URL the login throttle holds across instances: two federations (two accounts subgraphs, two gateways)
// on one Redis share the backoff of an (IP, email).
const redisUrl = process.env.TEST_REDIS_URL;
const STRANGER = '127.0.0.3';

describe.runIf(!!redisUrl)('login throttling on Redis', () => {
  let a: TestFederation;
  let b: TestFederation;
  beforeAll(async () => {
    const config = { redisUrl: redisUrl!, loginFailuresBeforeBackoff: 2, loginAttemptsPerIp: 100_000 };
    [a, b] = await Promise.all([startTestFederation({ config }), startTestFederation({ config })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('backs off an IP and email on every instance once one instance counted its failures; the owner still gets in', async () => {
    const victim = await createSeed(a).client().registered().create();
    const email = victim.email;
    const wrong = { input: { email, password: 'wrong-password-1' } };
    expect(errorCode(await runFrom(a, STRANGER, LoginDocument, wrong))).toBe('UNAUTHENTICATED');
    expect(errorCode(await runFrom(b, STRANGER, LoginDocument, wrong))).toBe('UNAUTHENTICATED');
    // The third failure (counted across both instances) starts the backoff, seen by both.
    expect(errorCode(await runFrom(a, STRANGER, LoginDocument, wrong))).toBe('UNAUTHENTICATED');
    for (const fed of [b, a]) {
      const limited = await runFrom(fed, STRANGER, LoginDocument, { input: { email, password: PASSWORD } });
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBe(1);
    }
    expect((await a.run(LoginDocument, { input: { email, password: PASSWORD } })).errors).toBeUndefined();
    // Another email from the same IP is not slowed down.
    expect(errorCode(await runFrom(b, STRANGER, LoginDocument, { input: { email: uniqueEmail('other'), password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');
  });
});
