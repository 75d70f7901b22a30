import type { NotificationsPort } from '../../shared/ports.js';
import type { AuthThrottle } from './services/throttle.js';

export interface AccountsDeps {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  inviteTtlHours: number;
  /** Login, password-change and registration throttling (services/throttle.ts). */
  throttle: AuthThrottle;
  /** Community's notifications port: account security notices (services/security-notices.ts). */
  readonly notifications?: NotificationsPort;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    accounts?: AccountsDeps;
  }
}
