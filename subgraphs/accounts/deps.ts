import type { RateLimiterAbstract } from 'rate-limiter-flexible';

export interface AccountsDeps {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  inviteTtlHours: number;
  loginLimiterByEmail: RateLimiterAbstract;
  loginLimiterByIp: RateLimiterAbstract;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    accounts?: AccountsDeps;
  }
}
