import { createHmac, randomBytes } from 'node:crypto';
import { stripeApiOverride } from './stripe-api.js';
import { loadMailConfig, type MailConfig } from './mail/config.js';

/** Configuration from the environment. Every variable is listed in the README. */
export interface Config {
  /**
   * NODE_ENV is not `production`: GraphQL validation errors may suggest field names ("Did you mean…"). Nothing
   * security-relevant hangs off it: secrets are never defaulted and error details follow `exposeErrorDetails`.
   */
  dev: boolean;
  /** GraphiQL on browser GETs of /graphql: GRAPHQL_EXPLORER=1 or 0, else on outside production. */
  explorer: boolean;
  /** EXPOSE_ERROR_DETAILS=1: error answers keep stack traces and internal messages (debugging only). */
  exposeErrorDetails: boolean;
  databaseUrl: string | null;
  redisUrl: string | null;
  jwtSecret: string;
  gatewaySecret: string;
  accessTokenTtlSeconds: number;
  loginFailuresBeforeBackoff: number;
  loginAttemptsPerIp: number;
  registrationsPerIp: number;
  /**
   * READER_DIRECTORY_CACHE_SECONDS (default 30; 0: off): longest accounts keeps an answer of the public reader
   * directory (`readers`, `reader`). Every committed change through the API empties it at once in every instance;
   * the limit only bounds a change made behind the API's back (SQL by hand).
   */
  readerDirectoryCacheSeconds: number;
  livekit: { url: string | null; apiKey: string; apiSecret: string };
  stripe: { secretKey: string | null; webhookSecret: string | null; apiHost?: string; apiPort?: number; apiProtocol?: 'http' | 'https' };
  /** Outgoing email (SMTP_URL, MAIL_FROM) and the app URL links in emails point at (APP_URL). */
  mail: MailConfig;
  ports: { gateway: number; accounts: number; readings: number; payments: number; community: number };
  /**
   * Shop downloads: links signed with HMAC-SHA256 under `secret` (DOWNLOAD_LINK_SECRET, ≥ 32 bytes; else derived
   * from JWT_SECRET, so every instance agrees and no constant signs), valid `ttlSeconds` (DOWNLOAD_LINK_TTL_SECONDS,
   * default 24 h) for `maxUses` downloads (DOWNLOAD_LINK_MAX_USES, default 5); files under `filesDir`
   * (FILE_STORAGE_DIR, default .data/files).
   */
  downloads: { secret: string; ttlSeconds: number; maxUses: number; filesDir: string };
  /**
   * Web push (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: all three or none; the embedded default generates
   * a key pair into .data/secrets.json). Null: push deliveries are SKIPPED. `allowHttpEndpoints` outside production only.
   */
  webPush: { publicKey: string; privateKey: string; subject: string; allowHttpEndpoints: boolean } | null;
}

/** Secrets a process uses when the environment does not give them (the embedded default keeps them in .data/). */
export interface FallbackSecrets {
  jwtSecret: string;
  gatewaySecret: string;
  livekitApiKey: string;
  livekitApiSecret: string;
  /** VAPID key pair for web push (base64url, as web-push generates them). */
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
}

/** The shortest signing secret accepted, in bytes. */
export const MIN_SECRET_BYTES = 32;

/** A configuration the process must not start with; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A fresh random secret (32 random bytes, base64url). */
export const randomSecret = () => randomBytes(32).toString('base64url');

/**
 * Reads the configuration. No secret is ever defaulted to a fixed value: JWT_SECRET and GATEWAY_SECRET (≥ 32 bytes)
 * come from the environment or from `fallback` (the embedded default's generated secrets); LIVEKIT_API_KEY/SECRET
 * are required with LIVEKIT_URL and are otherwise random per process (or the fallback's), so no webhook signed with
 * a published key is ever accepted; STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY. Throws ConfigError.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, fallback?: FallbackSecrets): Config {
  const problems: string[] = [];
  let hint = '';
  const signingSecret = (name: string, fallbackValue: string | undefined) => {
    const v = env[name] || fallbackValue;
    if (!v) problems.push(`${name} is not set`);
    else if (Buffer.byteLength(v) < MIN_SECRET_BYTES) problems.push(`${name} is too short (${Buffer.byteLength(v)} bytes)`);
    if (!v || Buffer.byteLength(v) < MIN_SECRET_BYTES) hint = ` (JWT_SECRET and GATEWAY_SECRET: random, at least ${MIN_SECRET_BYTES} bytes, e.g. \`openssl rand -base64 48\`)`;
    return v ?? '';
  };
  const requiredWith = (name: string, because: string) => {
    if (!env[name]) problems.push(`${name} must be set when ${because} is set`);
  };
  const int = (name: string, fallbackValue: number) => {
    const v = env[name];
    return v ? Number.parseInt(v, 10) : fallbackValue;
  };
  const jwtSecret = signingSecret('JWT_SECRET', fallback?.jwtSecret);
  const downloadSecret = env.DOWNLOAD_LINK_SECRET ? signingSecret('DOWNLOAD_LINK_SECRET', undefined) : createHmac('sha256', jwtSecret).update('soulseer:download-links').digest('base64url');
  const downloadTtl = int('DOWNLOAD_LINK_TTL_SECONDS', 86_400);
  const downloadUses = int('DOWNLOAD_LINK_MAX_USES', 5);
  if (!(downloadTtl >= 60 && downloadTtl <= 30 * 86_400)) problems.push('DOWNLOAD_LINK_TTL_SECONDS must be 60 to 2592000');
  if (!(downloadUses >= 1 && downloadUses <= 1000)) problems.push('DOWNLOAD_LINK_MAX_USES must be 1 to 1000');
  const gatewaySecret = signingSecret('GATEWAY_SECRET', fallback?.gatewaySecret);
  const livekitUrl = env.LIVEKIT_URL || null;
  if (livekitUrl) {
    requiredWith('LIVEKIT_API_KEY', 'LIVEKIT_URL');
    requiredWith('LIVEKIT_API_SECRET', 'LIVEKIT_URL');
  }
  if (env.STRIPE_SECRET_KEY) requiredWith('STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY');
  const webPush = loadWebPush(env, fallback, problems);
  if (problems.length) throw new ConfigError(`Configuration refused: ${problems.join('; ')}${hint}.`);
  return {
    dev: env.NODE_ENV !== 'production',
    explorer: env.GRAPHQL_EXPLORER ? env.GRAPHQL_EXPLORER === '1' : env.NODE_ENV !== 'production',
    exposeErrorDetails: env.EXPOSE_ERROR_DETAILS === '1',
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    jwtSecret,
    gatewaySecret,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900),
    loginFailuresBeforeBackoff: int('LOGIN_FAILURES_BEFORE_BACKOFF', 5),
    loginAttemptsPerIp: int('LOGIN_ATTEMPTS_PER_IP', 50),
    registrationsPerIp: int('REGISTRATIONS_PER_IP', 10),
    readerDirectoryCacheSeconds: int('READER_DIRECTORY_CACHE_SECONDS', 30),
    livekit: {
      url: livekitUrl,
      // Without a media server nobody outside this process (or the embedded default's .data/) knows these.
      apiKey: env.LIVEKIT_API_KEY || fallback?.livekitApiKey || `API${randomBytes(9).toString('base64url')}`,
      apiSecret: env.LIVEKIT_API_SECRET || fallback?.livekitApiSecret || randomSecret(),
    },
    stripe: { secretKey: env.STRIPE_SECRET_KEY || null, webhookSecret: env.STRIPE_WEBHOOK_SECRET || null, ...stripeApiOverride(env.STRIPE_API_URL) },
    downloads: { secret: downloadSecret, ttlSeconds: downloadTtl, maxUses: downloadUses, filesDir: env.FILE_STORAGE_DIR || '.data/files' },
    mail: loadMailConfig(env),
    webPush,
    ports: {
      gateway: int('PORT', 4000),
      accounts: int('ACCOUNTS_PORT', 4001),
      readings: int('READINGS_PORT', 4002),
      payments: int('PAYMENTS_PORT', 4003),
      community: int('COMMUNITY_PORT', 4004),
    },
  };
}

/** For a process entry point: a refused configuration prints its one line on stderr and exits 1 (no stack trace). */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** VAPID keys and subject from the environment, else the embedded default's generated pair; null when absent. */
function loadWebPush(env: NodeJS.ProcessEnv, fallback: FallbackSecrets | undefined, problems: string[]): Config['webPush'] {
  const names = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const;
  const given = names.filter((n) => env[n]);
  const allowHttpEndpoints = env.NODE_ENV !== 'production';
  if (given.length > 0 && given.length < names.length) {
    problems.push(`${names.filter((n) => !env[n]).join(' and ')} must be set with ${given.join(' and ')}`);
    return null;
  }
  if (given.length === names.length) {
    const subject = env.VAPID_SUBJECT!;
    if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) problems.push('VAPID_SUBJECT must be a mailto: or https: URL');
    if (!/^[A-Za-z0-9_-]{80,100}$/.test(env.VAPID_PUBLIC_KEY!)) problems.push('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)');
    if (!/^[A-Za-z0-9_-]{40,50}$/.test(env.VAPID_PRIVATE_KEY!)) problems.push('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
    return { publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY!, subject, allowHttpEndpoints };
  }
  if (fallback?.vapidPublicKey && fallback.vapidPrivateKey) {
    return { publicKey: fallback.vapidPublicKey, privateKey: fallback.vapidPrivateKey, subject: 'mailto:webpush@localhost', allowHttpEndpoints };
  }
  return null;
}
