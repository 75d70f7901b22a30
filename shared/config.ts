import { stripeApiOverride } from './stripe-api.js';

/** Configuration from the environment. Every variable is listed in the README. */
export interface Config {
  dev: boolean;
  databaseUrl: string | null;
  redisUrl: string | null;
  jwtSecret: string;
  gatewaySecret: string;
  accessTokenTtlSeconds: number;
  loginAttemptsPerEmail: number;
  loginAttemptsPerIp: number;
  livekit: { url: string | null; apiKey: string; apiSecret: string };
  stripe: { secretKey: string | null; webhookSecret: string | null; apiHost?: string; apiPort?: number; apiProtocol?: 'http' | 'https' };
  ports: { gateway: number; accounts: number; readings: number; payments: number; community: number };
}

const DEV_SECRET = 'soulseer-development-secret-change-me-0123456789';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dev = env.NODE_ENV !== 'production';
  const secret = (name: string) => {
    const v = env[name];
    if (v) return v;
    if (!dev) throw new Error(`${name} must be set when NODE_ENV=production`);
    return `${DEV_SECRET}-${name}`;
  };
  const int = (name: string, fallback: number) => {
    const v = env[name];
    return v ? Number.parseInt(v, 10) : fallback;
  };
  return {
    dev,
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    jwtSecret: secret('JWT_SECRET'),
    gatewaySecret: secret('GATEWAY_SECRET'),
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900),
    loginAttemptsPerEmail: int('LOGIN_ATTEMPTS_PER_EMAIL', 5),
    loginAttemptsPerIp: int('LOGIN_ATTEMPTS_PER_IP', 50),
    livekit: {
      url: env.LIVEKIT_URL || null,
      apiKey: env.LIVEKIT_API_KEY || 'devkey',
      apiSecret: env.LIVEKIT_API_SECRET || `${DEV_SECRET}-livekit`,
    },
    stripe: { secretKey: env.STRIPE_SECRET_KEY || null, webhookSecret: env.STRIPE_WEBHOOK_SECRET || null, ...stripeApiOverride(env.STRIPE_API_URL) },
    ports: {
      gateway: int('PORT', 4000),
      accounts: int('ACCOUNTS_PORT', 4001),
      readings: int('READINGS_PORT', 4002),
      payments: int('PAYMENTS_PORT', 4003),
      community: int('COMMUNITY_PORT', 4004),
    },
  };
}
