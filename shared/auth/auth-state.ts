import { SignJWT, jwtVerify } from 'jose';
import type { Role } from '../context.js';
import type { PubSub } from '../pubsub.js';
import type { AdminRole } from '../admin-permissions.js';

/**
 * What the gateway needs to know about a user on every authenticated request: the current role (authorization
 * never uses the role frozen in a token), the status (only ACTIVE users are served) and the auth epoch (tokens
 * issued at another epoch are refused). Accounts owns it and serves it to the gateway on an internal route.
 */
export interface AuthState {
  role: Role;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING' | 'BANNED';
  epoch: number;
  /** The email is verified (paying and messaging need it). */
  emailVerified: boolean;
  /** Two-factor authentication is on (admin actions need it). */
  twoFactor: boolean;
  /** An admin's current roles (Admin.permissions); absent for non-admins. */
  adminRoles?: AdminRole[];
}

/** Topic on which accounts announces, after commit, that a user's auth state changed; payload AuthChangedEvent. */
export const AUTH_CHANGED_TOPIC = 'authChanged';

export interface AuthChangedEvent {
  userId: string;
}

/**
 * Topic of each gateway instance's heartbeat (revocation.ts), which comes back to it over the same subscriber
 * connection as the auth-changed events: proof that those arrive. Its own topic, so that listeners of
 * authChanged (accounts' reader directory cache) are not emptied by it.
 */
export const AUTH_HEARTBEAT_TOPIC = 'authHeartbeat';

export interface Heartbeat {
  /** The sending instance. */
  heartbeat: string;
  seq: number;
}

export async function publishAuthChanged(pubsub: PubSub, userId: string): Promise<void> {
  await pubsub.publish(AUTH_CHANGED_TOPIC, { userId } satisfies AuthChangedEvent);
}

/** Accounts' internal route answering `{ ids }` with `{ states: { [id]: AuthState } }` (unknown users absent). */
export const AUTH_STATE_PATH = '/internal/auth-states';
/** Header carrying the gateway's signature on internal calls (an audience no client-facing token has). */
export const INTERNAL_CALL_HEADER = 'x-soulseer-internal';
/** Most users one auth-state lookup may ask for. */
export const MAX_AUTH_STATE_IDS = 500;

const AUDIENCE = 'soulseer-internal';
const encoder = new TextEncoder();

/** Signs an internal call as the gateway (short-lived; the caller reuses it). */
export function signInternalCall(gatewaySecret: string, ttlSeconds = 120): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('soulseer-gateway')
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(encoder.encode(gatewaySecret));
}

/**
 * Internal-call signatures already verified, by secret and exact token, until their `exp`: the gateway reuses one
 * signature for a minute, so accounts verifies it once instead of on every auth-state lookup. Only successes are
 * kept (a tampered token is another string, always verified); bounded.
 */
const verifiedCalls = new Map<string, number>();

export async function verifyInternalCall(token: string | undefined, gatewaySecret: string): Promise<boolean> {
  if (!token) return false;
  const key = `${gatewaySecret}\n${token}`;
  const exp = verifiedCalls.get(key);
  if (exp !== undefined) {
    // jose refuses a token once the current second reaches its exp.
    if (Math.floor(Date.now() / 1000) < exp) return true;
    verifiedCalls.delete(key);
  }
  try {
    const { payload } = await jwtVerify(token, encoder.encode(gatewaySecret), { issuer: 'soulseer-gateway', audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.exp === 'number') {
      if (verifiedCalls.size >= 100) verifiedCalls.delete(verifiedCalls.keys().next().value!);
      verifiedCalls.set(key, payload.exp);
    }
    return true;
  } catch {
    return false;
  }
}
