import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Mailer } from '../../shared/mail/index.js';
import type { JobQueue } from '../../shared/jobs.js';
import type { NotificationsPort, PersonalDataPort } from '../../shared/ports.js';
import type { AuthThrottle } from './services/throttle.js';

export interface AccountsDeps {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  inviteTtlHours: number;
  /** Login, password-change and registration throttling (services/throttle.ts). */
  throttle: AuthThrottle;
  /** Outgoing email (shared/mail) and the client app's base URL for links in it. */
  mailer: Mailer;
  appUrl: string;
  /** Limits of the account-security flows (services/verification.ts, password-reset.ts, two-factor.ts). */
  security: {
    /** Verification emails per user (3 per hour). */
    resendByUser: RateLimiterAbstract;
    /** Password-reset requests per IP (10 per hour) and per email, known or not (3 per hour). */
    resetByIp: RateLimiterAbstract;
    resetByEmail: RateLimiterAbstract;
    /** Code tries (verification code, 2FA confirm/disable) per user (5 per 15 minutes). */
    codeTries: RateLimiterAbstract;
  };
  /** Community's notifications port: account security notices (services/security-notices.ts). */
  readonly notifications?: NotificationsPort;
  /** Every other owner's personal-data functions (GDPR export and deletion: services/data-export.ts, account-deletion.ts). */
  readonly personalData: PersonalDataPort[];
  /** The job queue the data-export job is queued on (null: no job runner in this process; exports are refused). */
  jobs: JobQueue | null;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    accounts?: AccountsDeps;
  }
}
