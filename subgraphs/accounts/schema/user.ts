import type { GraphQLResolveInfo } from 'graphql';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { userRoleEnum, sessionTypeEnum } from '../../../shared/graphql/enums.js';
import { loader, byKey } from '../../../shared/graphql/loaders.js';
import type { Context } from '../../../shared/context.js';
import { UserStatus } from '../../../shared/db/generated/enums.js';
import type { User } from '../../../shared/db/generated/client.js';
import { updateClientProfile } from '../services/profile.js';
import { canSeeLeaderboardChoice, canSeeUserPrivateFields } from '../authz.js';

export const UserRoleEnum = userRoleEnum(builder);
export const SessionTypeEnum = sessionTypeEnum(builder);
export const UserStatusEnum = builder.enumType('UserStatus', {
  description: 'Whether a user may sign in. SUSPENDED and BANNED users cannot; PENDING readers have not accepted their invite.',
  values: {
    ACTIVE: { value: UserStatus.ACTIVE, description: 'May sign in.' },
    SUSPENDED: { value: UserStatus.SUSPENDED, description: 'Blocked for now by an admin; cannot sign in or refresh tokens.' },
    PENDING: { value: UserStatus.PENDING, description: 'An invited reader who has not accepted the invitation yet.' },
    BANNED: { value: UserStatus.BANNED, description: 'Blocked for good by an admin; cannot sign in or refresh tokens.' },
  } as const,
});

export function userLoader(ctx: Context) {
  return loader<string, User>(ctx, 'accounts:user', async (ids) =>
    byKey(ids, await ctx.prisma.user.findMany({ where: { id: { in: [...ids] } } }), (u) => u.id),
  );
}

/**
 * Users asked for by other subgraphs (`_entities`), loaded in one query with what the entity selection needs (the
 * profile names behind displayName/avatarUrl): the plan is recorded for the rows, so the fields' `select`s are
 * answered from them instead of one more query per user.
 */
function userEntityLoader(ctx: Context, info: GraphQLResolveInfo) {
  return loader<string, User>(ctx, `accounts:userEntity:${String(info.path.key)}`, async (ids) => {
    const query = queryFromInfo({ context: ctx, info, typeName: 'User' }) as { select?: Record<string, unknown> };
    const rows = await ctx.prisma.user.findMany({ ...query, ...(query.select ? { select: { ...query.select, id: true } } : {}), where: { id: { in: [...ids] } } });
    return byKey(ids, rows as User[], (u) => u.id);
  });
}

/** A client's public name: first name and last initial ("Cleo C."); empty when they gave neither. */
export function clientName(p: { firstName: string | null; lastName: string | null } | null | undefined): string {
  return [p?.firstName, p?.lastName?.[0] ? `${p.lastName[0]}.` : null].filter(Boolean).join(' ');
}

export const UserRef = builder.prismaObject('User', {
  description: 'A person on SoulSeer: a client, a reader or an admin.',
  // Select mode: `me` and the User entities other subgraphs ask for (a conversation's other participant) load the
  // columns their fields need, not all 14 (password hash and TOTP secret among them); the id always, for the
  // fields' authorization.
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable user id, used as the key across subgraphs.' }),
    role: t.expose('role', { type: UserRoleEnum, description: 'Client, reader or admin.' }),
    displayName: t.string({
      description: 'The name shown to other people.',
      select: { role: true, email: true, readerProfile: { select: { displayName: true } }, clientProfile: { select: { firstName: true, lastName: true } }, adminProfile: { select: { firstName: true } } },
      resolve: (u) =>
        u.readerProfile?.displayName ??
        (clientName(u.clientProfile) || u.adminProfile?.firstName || (u.role === 'ADMIN' ? 'SoulSeer team' : 'SoulSeer member')),
    }),
    avatarUrl: t.string({
      nullable: true,
      description: 'Picture shown next to the name.',
      select: { readerProfile: { select: { avatar: true } }, clientProfile: { select: { avatar: true } }, adminProfile: { select: { avatar: true } } },
      resolve: (u) => u.readerProfile?.avatar ?? u.clientProfile?.avatar ?? u.adminProfile?.avatar ?? null,
    }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Sign-in email. Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
    }),
    status: t.expose('status', {
      type: UserStatusEnum,
      nullable: true,
      description: 'Account status. Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
    }),
    emailVerified: t.boolean({
      nullable: true,
      description: 'Whether the user confirmed their email (verifyEmail); until then they may browse but not pay or message. Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
      select: { emailVerifiedAt: true },
      resolve: (u) => !!u.emailVerifiedAt,
    }),
    twoFactorEnabled: t.boolean({
      nullable: true,
      description: 'Whether sign-in needs a TOTP code (confirmTwoFactor turned it on). Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
      select: { twoFactorEnabledAt: true },
      resolve: (u) => !!u.twoFactorEnabledAt,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was created.' }),
    lastLoginAt: t.expose('lastLoginAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last successful sign-in. Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
    }),
    clientProfile: t.relation('clientProfile', {
      nullable: true,
      description: 'Private client profile. Visible to the user and to admins only.',
      authScopes: (user, _args, ctx) => canSeeUserPrivateFields(ctx.viewer, user.id),
    }),
    readerProfile: t.relation('readerProfile', { nullable: true, description: 'Public reader profile, for readers.' }),
  }),
});

builder.asEntity(UserRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx, info) => userEntityLoader(ctx, info).load(ref.id),
});

builder.prismaObject('Client', {
  description: 'A client\'s private profile.',
  fields: (t) => ({
    firstName: t.exposeString('firstName', { nullable: true, description: 'Given name.' }),
    lastName: t.exposeString('lastName', { nullable: true, description: 'Family name.' }),
    avatarUrl: t.exposeString('avatar', { nullable: true, description: 'Avatar image URL.' }),
    bio: t.exposeString('bio', { nullable: true, description: 'A few words about the client.' }),
    birthDate: t.expose('dateOfBirth', { type: 'Date', nullable: true, description: 'Birthday as YYYY-MM-DD, if the client gave it; only the client and admins see it.' }),
    timezone: t.exposeString('timezone', { description: 'IANA timezone, e.g. Europe/London.' }),
    preferences: t.expose('preferences', { type: 'JSON', description: 'Free-form client preferences (notifications, display…).' }),
    preferredSessionTypes: t.expose('preferredSessionTypes', { type: [SessionTypeEnum], description: 'Session types the client prefers.' }),
    preferredCategories: t.exposeStringList('preferredCategories', { description: 'Reading categories the client prefers.' }),
    showNameInLeaderboards: t.exposeBoolean('showNameInLeaderboards', {
      description: 'Whether gift leaderboards may show your name (false: you appear as "Anonymous"). Visible to you only.',
      authScopes: (client, _args, ctx) => canSeeLeaderboardChoice(ctx.viewer, client.userId),
    }),
  }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null when signed out.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } }) : null,
  }),
);

builder.queryField('user', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'A user by id (public fields only unless it is you or you are an admin).',
    args: { id: t.arg.id({ required: true, description: 'Id of the user to look up; an unknown id answers null.' }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.user.findUnique({ ...query, where: { id: String(args.id) } }),
  }),
);

const UpdateClientProfileInput = builder.inputType('UpdateClientProfileInput', {
  description: 'Changes to the signed-in client\'s profile. Omitted fields stay as they are; null clears a clearable field.',
  fields: (t) => ({
    firstName: t.string({ description: 'Given name, 1 to 60 characters; null clears it.' }),
    lastName: t.string({ description: 'Family name, 1 to 60 characters; null clears it.' }),
    avatarUrl: t.string({ description: 'http(s) URL of the avatar image, at most 2048 characters; null clears it.' }),
    bio: t.string({ description: 'A few words about you, at most 2000 characters; null clears it.' }),
    birthDate: t.field({ type: 'Date', description: 'Date of birth (YYYY-MM-DD); you must be at least 18. Null clears it.' }),
    timezone: t.string({ description: 'IANA timezone such as Europe/London or UTC. Cannot be null.' }),
    preferences: t.field({ type: 'JSON', description: 'A JSON object of preferences (notifications, display…), at most 4096 bytes. Replaces the stored object.' }),
    preferredSessionTypes: t.field({ type: [SessionTypeEnum], description: 'Session types you prefer (duplicates removed).' }),
    preferredCategories: t.stringList({ description: 'Reading categories you prefer: at most 20, each 2 to 40 characters, stored lower-case.' }),
    showNameInLeaderboards: t.boolean({ description: 'Let gift leaderboards show your name (default false: anonymous). Cannot be null.' }),
  }),
});

const UpdateClientProfilePayload = builder.objectRef<{ userId: string }>('UpdateClientProfilePayload').implement({
  description: 'The result of updateClientProfile.',
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      description: 'The signed-in user, with the updated profile.',
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
    clientProfile: t.prismaField({
      type: 'Client',
      description: 'The updated client profile.',
      resolve: (query, p, _args, ctx) => ctx.prisma.client.findUniqueOrThrow({ ...query, where: { userId: p.userId } }),
    }),
  }),
});

builder.mutationField('updateClientProfile', (t) =>
  t.field({
    type: UpdateClientProfilePayload,
    description: 'Updates the signed-in client\'s own profile (clients only).',
    authScopes: { client: true },
    args: { input: t.arg({ type: UpdateClientProfileInput, required: true, description: 'The fields to change.' }) },
    resolve: (_root, { input }, ctx) => updateClientProfile(ctx, input),
  }),
);
