import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type WebPush from 'web-push';
import { onFirstUse } from './on-first-use.js';
import { ConfigError, MIN_SECRET_BYTES, randomSecret, type FallbackSecrets } from './config.js';

/** Where the embedded default (`npm start` without DATABASE_URL) keeps its generated secrets, under its data dir. */
export const SECRETS_FILE = 'secrets.json';

/**
 * The embedded default's secrets: generated at the first start (random, ≥ 32 bytes: JWT, gateway, LiveKit key
 * and secret) into `<dir>/secrets.json` (mode 0600), and read back on every later start, so logins survive a
 * restart. Created exclusively (temp file + link): two processes starting at once end up with the same secrets.
 */
export function loadOrCreateSecrets(dir: string): FallbackSecrets {
  const file = path.join(dir, SECRETS_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fresh: FallbackSecrets = {
      jwtSecret: randomSecret(),
      gatewaySecret: randomSecret(),
      livekitApiKey: `API${randomBytes(9).toString('base64url')}`,
      livekitApiSecret: randomSecret(),
      ...vapidPair(),
    };
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const secrets = readSecrets(file);
  if (secrets.vapidPublicKey && secrets.vapidPrivateKey) return secrets;
  // A file from before web push: add a VAPID pair (rename is atomic; two processes racing here may briefly hold
  // different pairs until their next start, which only makes push subscriptions of that window invalid).
  const upgraded = { ...secrets, ...vapidPair() };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return readSecrets(file);
}

function vapidPair(): Pick<FallbackSecrets, 'vapidPublicKey' | 'vapidPrivateKey'> {
  const keys = onFirstUse<typeof WebPush>('web-push').generateVAPIDKeys();
  return { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey };
}

function readSecrets(file: string): FallbackSecrets {
  let parsed: Partial<Record<keyof FallbackSecrets, unknown>>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof parsed;
  } catch {
    throw new ConfigError(`${file} is not readable JSON: fix or delete it (a new one is generated; existing logins end).`);
  }
  const str = (key: keyof FallbackSecrets, minBytes: number) => {
    const v = parsed[key];
    if (typeof v !== 'string' || Buffer.byteLength(v) < minBytes) {
      throw new ConfigError(`${file}: ${key} is missing or shorter than ${minBytes} bytes: fix or delete the file.`);
    }
    return v;
  };
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return {
    jwtSecret: str('jwtSecret', MIN_SECRET_BYTES),
    gatewaySecret: str('gatewaySecret', MIN_SECRET_BYTES),
    livekitApiKey: str('livekitApiKey', 1),
    livekitApiSecret: str('livekitApiSecret', MIN_SECRET_BYTES),
    ...(typeof parsed.vapidPublicKey === 'string' && typeof parsed.vapidPrivateKey === 'string'
      ? { vapidPublicKey: parsed.vapidPublicKey, vapidPrivateKey: parsed.vapidPrivateKey }
      : {}),
  };
}
