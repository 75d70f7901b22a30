import type { Redis } from 'ioredis';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Viewer } from '../shared/context.js';
import { consumePoints, limiterFactory } from '../shared/rate-limit.js';

// Rate limits per user and per IP for every class of mutation, counted at the gateway: it is the one public
// surface (HTTP and graphql-ws alike), it sees the operation before any subgraph does, so a refused operation changes
// nothing anywhere, and one Redis budget covers every gateway instance. The subgraphs keep their own finer limits
// (accounts' sign-in backoff and registrations per IP, community's per-user message/forum/flag/chat/gift limiters,
// the daily gift cap): those know things the gateway does not (which email failed, how many cents today).
// Each root mutation field counts one point for its class (aliases of one field count once each), per signed-in user
// and per client IP; the operation is refused whole (RATE_LIMITED, extensions.retryAfterSeconds) before planning.

export const MUTATION_CLASSES = ['money', 'messages', 'forum', 'auth', 'other'] as const;
export type MutationClass = (typeof MUTATION_CLASSES)[number];

/** Every Mutation field of the supergraph by class (gateway/mutation-limits.test.ts fails on one left out). */
export const MUTATION_CLASS_FIELDS: Record<MutationClass, readonly string[]> = {
  // Anything that moves money or starts, books or ends a billed session.
  money: [
    'createTopUp', 'setAutoReload', 'sendGift', 'unlockPaidReply', 'adjustBalance', 'createPayoutAccountLink', 'requestPayout',
    'refundSession', 'refundWalletBalance', 'requestSession', 'acceptSession', 'declineSession', 'cancelSession', 'joinSession',
    'leaveSession', 'endSession', 'bookSession', 'confirmBooking', 'placeOrder', 'cancelOrder', 'refundOrder',
  ],
  messages: ['sendMessage', 'sendSessionMessage', 'sendStreamMessage', 'markConversationRead', 'blockUser', 'unblockUser'],
  forum: [
    'createForumPost', 'updateForumPost', 'deleteForumPost', 'createForumReply', 'updateForumReply', 'deleteForumReply',
    'moderateForumPost', 'removeForumReply', 'flagContent', 'resolveFlag', 'createReview', 'replyToReview',
  ],
  auth: [
    'register', 'login', 'refreshToken', 'changePassword', 'logout', 'acceptReaderInvite', 'verifyEmail', 'resendVerificationEmail',
    'requestPasswordReset', 'resetPassword', 'changeEmail', 'confirmEmailChange', 'enableTwoFactor', 'confirmTwoFactor',
    'disableTwoFactor', 'requestDataExport', 'deleteAccount',
  ],
  other: [
    'updateClientProfile', 'updateReaderProfile', 'setReaderStatus', 'inviteReader', 'verifyReader', 'setUserStatus',
    'scheduleLiveStream', 'startLiveStream', 'endLiveStream', 'liveStreamToken', 'joinLiveStream', 'leaveLiveStream',
    'createVirtualGift', 'updateVirtualGift', 'deactivateVirtualGift', 'setAvailability', 'favoriteReader', 'unfavoriteReader',
    'setAdminPermissions', 'updateSystemSetting', 'markNotificationsRead', 'updateNotificationPreferences', 'unsubscribeNotifications',
    'createProduct', 'updateProduct', 'markOrderShipped', 'markOrderDelivered', 'downloadLink', 'registerWebPushSubscription',
    'unregisterWebPushSubscription',
  ],
};

const CLASS_OF = new Map<string, MutationClass>(MUTATION_CLASSES.flatMap((c) => MUTATION_CLASS_FIELDS[c].map((f) => [f, c] as const)));

/** A mutation field's class; a field not listed (added later) counts as `other`. */
export const mutationClassOf = (field: string): MutationClass => CLASS_OF.get(field) ?? 'other';

export interface ClassLimit {
  /** Mutations per signed-in user per window (anonymous callers are counted per IP only). */
  perUser: number;
  /** Mutations per client IP per window (every caller). */
  perIp: number;
}

export interface MutationLimits {
  /** Off: nothing counted (RATE_LIMITS=off). */
  enabled: boolean;
  windowSeconds: number;
  classes: Record<MutationClass, ClassLimit>;
}

/**
 * Generous defaults: a person never meets them, the e2e suite and the benchmarks (all from 127.0.0.1, up to ~200
 * mutations a second) stay under them, a script hammering one class from one account or address does not.
 */
export const DEFAULT_MUTATION_LIMITS: MutationLimits = {
  enabled: true,
  windowSeconds: 60,
  classes: {
    money: { perUser: 120, perIp: 30_000 },
    messages: { perUser: 240, perIp: 30_000 },
    forum: { perUser: 60, perIp: 30_000 },
    auth: { perUser: 60, perIp: 600 },
    other: { perUser: 240, perIp: 30_000 },
  },
};

/**
 * From the environment: RATE_LIMITS=off disables; RATE_LIMIT_WINDOW_SECONDS; RATE_LIMIT_<CLASS>_PER_USER and
 * RATE_LIMIT_<CLASS>_PER_IP (CLASS: MONEY, MESSAGES, FORUM, AUTH, OTHER). Unset or unreadable values keep the default.
 */
export function mutationLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): MutationLimits {
  const int = (name: string, fallback: number) => {
    const n = Number.parseInt(env[name] ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const classes = Object.fromEntries(
    MUTATION_CLASSES.map((c) => {
      const d = DEFAULT_MUTATION_LIMITS.classes[c];
      const up = c.toUpperCase();
      return [c, { perUser: int(`RATE_LIMIT_${up}_PER_USER`, d.perUser), perIp: int(`RATE_LIMIT_${up}_PER_IP`, d.perIp) }];
    }),
  ) as Record<MutationClass, ClassLimit>;
  return { enabled: env.RATE_LIMITS !== 'off', windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', DEFAULT_MUTATION_LIMITS.windowSeconds), classes };
}

/** Some limits changed: the window, on/off, or some classes' numbers. */
export type MutationLimitsPatch = Partial<Omit<MutationLimits, 'classes'>> & { classes?: Partial<Record<MutationClass, Partial<ClassLimit>>> };

/** Merges partial per-class limits over a base. */
export function withLimits(base: MutationLimits, patch: MutationLimitsPatch = {}): MutationLimits {
  const classes = { ...base.classes };
  for (const c of MUTATION_CLASSES) classes[c] = { ...base.classes[c], ...patch.classes?.[c] };
  return { ...base, ...patch, classes };
}

/** Root mutation fields of the operation by class, fragments on the root expanded; empty for queries and subscriptions. */
export function mutationCounts(document: DocumentNode, operation: OperationDefinitionNode): Map<MutationClass, number> {
  const counts = new Map<MutationClass, number>();
  if (operation.operation !== 'mutation') return counts;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__typename') continue;
        const c = mutationClassOf(s.name.value);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        // Validation refuses fragment cycles; this only must not loop before it does.
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return counts;
}

export interface MutationLimiter {
  readonly limits: MutationLimits;
  /** Spends the operation's points, or throws RATE_LIMITED (with retryAfterSeconds and the class) for the first class over budget. */
  check(document: DocumentNode, operation: OperationDefinitionNode, who: { viewer: Viewer | null; ip: string | null }): Promise<void>;
}

/**
 * The gateway's limiter: counted in Redis when a client is given (every gateway on it shares the budgets; while
 * Redis is unreachable each gateway counts in memory), in this process otherwise. `prefix` separates deployments
 * (and test files) sharing one Redis.
 */
export function createMutationLimiter(limits: MutationLimits, redis: Redis | null, prefix = 'gateway:'): MutationLimiter {
  const make = limiterFactory(redis, { prefix: `${prefix}mutations:`, insurance: true });
  const limiters = new Map<string, RateLimiterAbstract>();
  for (const c of MUTATION_CLASSES) {
    limiters.set(`${c}:user`, make(`${c}:user`, limits.classes[c].perUser, limits.windowSeconds));
    limiters.set(`${c}:ip`, make(`${c}:ip`, limits.classes[c].perIp, limits.windowSeconds));
  }
  return {
    limits,
    async check(document, operation, { viewer, ip }) {
      if (!limits.enabled) return;
      for (const [c, points] of mutationCounts(document, operation)) {
        const details = { reason: 'MUTATION_RATE', mutationClass: c };
        if (viewer) await consumePoints(limiters.get(`${c}:user`)!, viewer.id, `${c} mutations from this account`, points, details);
        if (ip) await consumePoints(limiters.get(`${c}:ip`)!, ip, `${c} mutations from this address`, points, details);
      }
    },
  };
}
