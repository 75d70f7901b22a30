import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Role, Viewer } from '../context.js';
import { unauthenticated } from '../errors.js';
import { normalizeAdminRoles } from '../admin-permissions.js';

const ISSUER = 'soulseer';
const ACCESS_AUDIENCE = 'soulseer-api';
const GATEWAY_AUDIENCE = 'soulseer-subgraph';
/** Header in which the gateway forwards the viewer to subgraphs, as a JWS signed with the gateway secret. */
export const VIEWER_HEADER = 'x-soulseer-viewer';

const keyCache = new Map<string, Uint8Array>();
function key(secret: string): Uint8Array {
  let k = keyCache.get(secret);
  if (!k) {
    k = new TextEncoder().encode(secret);
    keyCache.set(secret, k);
  }
  return k;
}

/**
 * Signs a client's access token. `authEpoch` is the user's epoch when it was issued: the gateway refuses the token
 * once the epoch has moved on (a status change, "log out everywhere"). The role in it is informative only: the
 * gateway authorizes with the user's current role.
 */
export async function createAccessToken(viewer: Viewer, secret: string, ttlSeconds: number, authEpoch = 0): Promise<string> {
  return new SignJWT({ role: viewer.role, ae: authEpoch, ev: viewer.emailVerified === true, tf: viewer.twoFactor === true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.id)
    .setIssuer(ISSUER)
    .setAudience(ACCESS_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

const ROLES: readonly Role[] = ['CLIENT', 'READER', 'ADMIN'];

/** Verifies a client's access token; throws UNAUTHENTICATED when it is forged, expired or malformed. */
export async function verifyAccessToken(token: string, secret: string): Promise<Required<Omit<Viewer, 'adminRoles'>> & { exp: number; authEpoch: number }> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: ACCESS_AUDIENCE,
      algorithms: ['HS256'],
    });
    const role = payload.role as Role;
    const authEpoch = payload.ae ?? 0;
    if (!payload.sub || !ROLES.includes(role) || !payload.exp || !Number.isSafeInteger(authEpoch)) throw new Error('bad claims');
    return { id: payload.sub, role, exp: payload.exp, authEpoch: authEpoch as number, emailVerified: payload.ev === true, twoFactor: payload.tf === true };
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw unauthenticated(expired ? 'The access token has expired.' : 'The access token is invalid.', {
      reason: expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
      http: { status: 401 },
    });
  }
}

export interface ForwardedIdentity {
  viewer: Viewer | null;
  ip: string | null;
  userAgent: string | null;
}

/** Signs what the gateway knows about the caller for a subgraph. Short-lived; the gateway caches it. */
export async function signForwardedIdentity(identity: ForwardedIdentity, secret: string, ttlSeconds = 120): Promise<string> {
  return new SignJWT({
    v: identity.viewer
      ? [identity.viewer.id, identity.viewer.role, identity.viewer.emailVerified === true, identity.viewer.twoFactor === true, ...(identity.viewer.adminRoles?.length ? [identity.viewer.adminRoles] : [])]
      : null,
    ip: identity.ip,
    ua: identity.userAgent?.slice(0, 256) ?? null,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/**
 * Forwarded identities already verified, by secret then by the exact header string, until their expiry. The
 * gateway re-signs a viewer's header only about once a minute, so a subgraph sees the same string for every
 * request of that viewer meanwhile: verifying its HMAC once (jose through WebCrypto, an async job each time) was
 * 5–9% of every subgraph's CPU. Only successful verifications are stored, so a tampered header (another string)
 * is always verified and refused, and an entry is dropped once its `exp` has passed, as jose would refuse it.
 * Bounded (least recently used first out).
 */
const VERIFIED_MAX = 10_000;
const verifiedBySecret = new Map<string, Map<string, { identity: ForwardedIdentity; exp: number }>>();

/** Verifies the gateway's signature on a forwarded identity; null when missing, forged or stale. */
export async function verifyForwardedIdentity(token: string | undefined | null, secret: string): Promise<ForwardedIdentity | null> {
  if (!token) return null;
  let verified = verifiedBySecret.get(secret);
  const hit = verified?.get(token);
  if (hit) {
    // jose refuses a token once the current second reaches its exp.
    if (Math.floor(Date.now() / 1000) < hit.exp) {
      verified!.delete(token);
      verified!.set(token, hit);
      return hit.identity;
    }
    verified!.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: GATEWAY_AUDIENCE,
      algorithms: ['HS256'],
    });
    const v = payload.v as [string, Role, boolean?, boolean?, unknown?] | null;
    const adminRoles = v && v[1] === 'ADMIN' && Array.isArray(v[4]) ? normalizeAdminRoles(v[4]) : [];
    const identity: ForwardedIdentity = Object.freeze({
      viewer: v ? Object.freeze({ id: v[0], role: v[1], emailVerified: v[2] === true, twoFactor: v[3] === true, ...(adminRoles.length ? { adminRoles } : {}) }) : null,
      ip: (payload.ip as string | null) ?? null,
      userAgent: (payload.ua as string | null) ?? null,
    });
    if (typeof payload.exp === 'number') {
      if (!verified) verifiedBySecret.set(secret, (verified = new Map()));
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, { identity, exp: payload.exp });
    }
    return identity;
  } catch {
    return null;
  }
}

/** A random opaque token (refresh tokens, invites) and the hash under which it is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
