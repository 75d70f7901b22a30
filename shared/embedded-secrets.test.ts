import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, randomSecret } from './config.js';
import { loadOrCreateSecrets, SECRETS_FILE } from './embedded-secrets.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'soulseer-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the embedded default keeps generated secrets under its data directory', () => {
  it('creates them once (mode 0600, random, at least 32 bytes) and reuses them on every later start', () => {
    const dir = path.join(tempDir(), '.data');
    const first = loadOrCreateSecrets(dir);
    const file = path.join(dir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');
    for (const s of [first.jwtSecret, first.gatewaySecret, first.livekitApiSecret]) expect(Buffer.byteLength(s)).toBeGreaterThanOrEqual(32);
    expect(new Set([first.jwtSecret, first.gatewaySecret, first.livekitApiSecret]).size).toBe(3);

    // A restart: the same secrets, the file untouched (so access and refresh tokens survive it).
    expect(loadOrCreateSecrets(dir)).toEqual(first);
    expect(readFileSync(file, 'utf8')).toBe(written);
    // Another installation gets other secrets.
    expect(loadOrCreateSecrets(tempDir()).jwtSecret).not.toBe(first.jwtSecret);
  });

  it('the configuration of a default start uses them; the environment overrides them', () => {
    const dir = tempDir();
    const secrets = loadOrCreateSecrets(dir);
    const config = loadConfig({}, secrets);
    expect(config).toMatchObject({ jwtSecret: secrets.jwtSecret, gatewaySecret: secrets.gatewaySecret, livekit: { url: null, apiKey: secrets.livekitApiKey, apiSecret: secrets.livekitApiSecret } });
    const own = randomSecret();
    expect(loadConfig({ JWT_SECRET: own }, secrets).jwtSecret).toBe(own);
  });

  it('refuses a damaged file with one line naming it, and tightens a readable one to 0600', () => {
    const dir = tempDir();
    const file = path.join(dir, SECRETS_FILE);
    loadOrCreateSecrets(dir);
    chmodSync(file, 0o644);
    loadOrCreateSecrets(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, JSON.stringify({ jwtSecret: 'short', gatewaySecret: randomSecret(), livekitApiKey: 'k', livekitApiSecret: randomSecret() }));
    expect(() => loadOrCreateSecrets(dir)).toThrow(ConfigError);
    expect(() => loadOrCreateSecrets(dir)).toThrow(/jwtSecret/);
    writeFileSync(file, '{ not json');
    expect(() => loadOrCreateSecrets(dir)).toThrow(/not readable JSON/);
  });
});

describe('loadConfig never defaults a secret to a fixed value', () => {
  const ok = () => ({ JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });

  it('refuses missing or short JWT_SECRET / GATEWAY_SECRET, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
      expect(() => loadConfig({ NODE_ENV })).toThrow(/JWT_SECRET is not set; GATEWAY_SECRET is not set/);
      expect(() => loadConfig({ NODE_ENV, ...ok(), GATEWAY_SECRET: 'x'.repeat(31) })).toThrow(/^Configuration refused: GATEWAY_SECRET is too short \(31 bytes\)/);
    }
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32), GATEWAY_SECRET: 'y'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('requires the LiveKit key and secret with LIVEKIT_URL, and the webhook secret with STRIPE_SECRET_KEY', () => {
    expect(() => loadConfig({ ...ok(), LIVEKIT_URL: 'wss://lk.example.com' })).toThrow(/LIVEKIT_API_KEY must be set when LIVEKIT_URL is set; LIVEKIT_API_SECRET/);
    expect(() => loadConfig({ ...ok(), STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is set/);
    const c = loadConfig({ ...ok(), LIVEKIT_URL: 'wss://lk.example.com', LIVEKIT_API_KEY: 'APIk', LIVEKIT_API_SECRET: 's'.repeat(40), STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' });
    expect(c.livekit).toEqual({ url: 'wss://lk.example.com', apiKey: 'APIk', apiSecret: 's'.repeat(40) });
    expect(c.stripe).toMatchObject({ secretKey: 'sk_test_1', webhookSecret: 'whsec_1' });
  });

  it('without a media server the LiveKit key and secret are random per process', () => {
    const a = loadConfig(ok()).livekit;
    const b = loadConfig(ok()).livekit;
    expect(a.apiSecret).not.toBe(b.apiSecret);
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(a.apiKey).not.toBe('devkey');
    expect(Buffer.byteLength(a.apiSecret)).toBeGreaterThanOrEqual(32);
  });

  it('error details are exposed only with EXPOSE_ERROR_DETAILS=1, never because of NODE_ENV', () => {
    expect(loadConfig(ok()).exposeErrorDetails).toBe(false);
    expect(loadConfig({ ...ok(), NODE_ENV: 'development' }).exposeErrorDetails).toBe(false);
    expect(loadConfig({ ...ok(), EXPOSE_ERROR_DETAILS: 'true' }).exposeErrorDetails).toBe(false);
    expect(loadConfig({ ...ok(), NODE_ENV: 'production', EXPOSE_ERROR_DETAILS: '1' }).exposeErrorDetails).toBe(true);
  });
});

describe('web push keys', () => {
  it('generates a VAPID pair with the other secrets, keeps it, and adds one to a file written before web push', () => {
    const dir = tempDir();
    const first = loadOrCreateSecrets(dir);
    expect(first.vapidPublicKey).toMatch(/^[\w-]{87}$/);
    expect(first.vapidPrivateKey).toMatch(/^[\w-]{43}$/);
    expect(loadOrCreateSecrets(dir)).toEqual(first);
    const config = loadConfig({ NODE_ENV: 'production' }, first);
    expect(config.webPush).toMatchObject({ publicKey: first.vapidPublicKey, privateKey: first.vapidPrivateKey, allowHttpEndpoints: false });

    const old = tempDir();
    const { vapidPublicKey: _p, vapidPrivateKey: _k, ...before } = first;
    writeFileSync(path.join(old, SECRETS_FILE), JSON.stringify(before), { mode: 0o600 });
    const upgraded = loadOrCreateSecrets(old);
    expect(upgraded).toMatchObject(before);
    expect(upgraded.vapidPublicKey).toMatch(/^[\w-]{87}$/);
    expect(loadOrCreateSecrets(old)).toEqual(upgraded);
  });

  it('takes VAPID keys from the environment only all together, and refuses a bad subject', () => {
    const secrets = { JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() };
    const keys = { VAPID_PUBLIC_KEY: 'B'.padEnd(87, 'x'), VAPID_PRIVATE_KEY: 'k'.repeat(43) };
    expect(loadConfig(secrets).webPush).toBeNull();
    expect(() => loadConfig({ ...secrets, ...keys })).toThrow(/VAPID_SUBJECT must be set/);
    expect(() => loadConfig({ ...secrets, ...keys, VAPID_SUBJECT: 'http://x' })).toThrow(ConfigError);
    expect(loadConfig({ ...secrets, ...keys, VAPID_SUBJECT: 'mailto:ops@example.com' }).webPush).toMatchObject({ subject: 'mailto:ops@example.com' });
  });
});
