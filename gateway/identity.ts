import type { Viewer } from '../shared/context.js';
import { signForwardedIdentity, verifyAccessToken } from '../shared/auth/tokens.js';
import { unauthenticated } from '../shared/errors.js';
import { refusal, type AuthStates } from './auth-state.js';
import { normalizeAdminRoles } from '../shared/admin-permissions.js';

/**
 * Verified tokens kept (a few hundred bytes each), well above the sockets one gateway holds: the revocation sweep
 * re-checks every open socket's token every few seconds, and at 10,000 entries a 10,000-viewer stream overflowed the
 * cache, cleared it on each sweep and paid a signature verification per socket each time (CPU bursts that stalled
 * the stream's writes).
 */
const MAX_VERIFIED = 100_000;

/**
 * Verifies client access tokens and signs the identity forwarded to subgraphs, caching both:
 * a verified token is reused until it expires, a signed identity for 90 of its 120 seconds (the last 30 are the
 * margin for a query plan's later fetches and clocks; each new header also costs every subgraph one verification).
 * With `authStates`, a token is accepted only while its user is ACTIVE at the token's auth epoch, and the viewer
 * carries the user's current role (never the one in the token).
 */
export class IdentityService {
  private readonly verified = new Map<string, Required<Omit<Viewer, 'adminRoles'>> & { exp: number; authEpoch: number }>();
  private readonly signed = new Map<string, { token: string; renewAt: number }>();

  constructor(
    private readonly jwtSecret: string,
    private readonly gatewaySecret: string,
    readonly authStates: AuthStates | null = null,
  ) {}

  /** The viewer for an Authorization header value; null when absent; UNAUTHENTICATED when bad. */
  async viewerFromAuthorization(header: string | undefined | null): Promise<Viewer | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) {
      throw unauthenticated('Authorization must be "Bearer <access token>".', { reason: 'TOKEN_INVALID', http: { status: 401 } });
    }
    return this.viewerFromToken(match[1]!);
  }

  async viewerFromToken(token: string): Promise<Viewer> {
    const now = Math.floor(Date.now() / 1000);
    let claims = this.verified.get(token);
    if (!claims || claims.exp <= now) {
      claims = await verifyAccessToken(token, this.jwtSecret);
      if (this.verified.size >= MAX_VERIFIED) {
        for (const [t, c] of this.verified) if (c.exp <= now) this.verified.delete(t);
        if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      }
      this.verified.set(token, claims);
    }
    // Without lookups (unit tests only) the claims signed at login are used.
    if (!this.authStates) return { id: claims.id, role: claims.role, emailVerified: claims.emailVerified, twoFactor: claims.twoFactor };
    const state = await this.authStates.get(claims.id);
    const refused = refusal(state, claims.authEpoch);
    if (refused) throw refused;
    const base = { id: claims.id, role: state!.role, emailVerified: state!.emailVerified === true, twoFactor: state!.twoFactor === true };
    return state!.role === 'ADMIN' ? { ...base, adminRoles: normalizeAdminRoles(state!.adminRoles) } : base;
  }

  /** The signed header value a subgraph will accept, for this viewer and client. */
  async forward(viewer: Viewer | null, ip: string | null, userAgent: string | null): Promise<string> {
    const key = `${viewerKey(viewer)}|${ip ?? ''}|${userAgent ?? ''}`;
    const now = Date.now();
    const hit = this.signed.get(key);
    if (hit && hit.renewAt > now) return hit.token;
    const token = await signForwardedIdentity({ viewer, ip, userAgent }, this.gatewaySecret, 120);
    if (this.signed.size > 10_000) this.signed.clear();
    this.signed.set(key, { token, renewAt: now + SIGNED_REUSE_MS });
    return token;
  }
}

/** How long a signed forwarded identity (valid 120 s) is handed out again. */
export const SIGNED_REUSE_MS = 90_000;

/** The dedupe key part for a viewer: identical queries are merged only for the same viewer. */
export function viewerKey(viewer: Viewer | null): string {
  return viewer
    ? `${viewer.id}:${viewer.role}:${viewer.emailVerified ? 'v' : ''}${viewer.twoFactor ? 't' : ''}${viewer.adminRoles?.length ? `:${viewer.adminRoles.join(',')}` : ''}`
    : 'anonymous';
}
