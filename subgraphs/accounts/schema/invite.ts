import { builder } from '../builder.js';
import * as invites from '../services/invites.js';
import { AuthPayload } from './auth.js';

const InviteReaderInput = builder.inputType('InviteReaderInput', {
  description: 'A reader to invite. Readers join SoulSeer only by admin invitation.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The reader\'s email; must not belong to an existing account (a still-pending reader is re-invited).' }),
    firstName: t.string({ required: true, description: 'Given name, 1 to 60 characters.' }),
    lastName: t.string({ required: true, description: 'Family name, 1 to 60 characters.' }),
    displayName: t.string({ description: 'Name shown to clients, 2 to 60 characters (default: first name and last initial).' }),
  }),
});

const InviteReaderPayload = builder.objectRef<invites.InviteResult>('InviteReaderPayload').implement({
  description: 'A pending reader account and its invitation.',
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      description: 'The invited reader\'s user account (status PENDING until the invitation is accepted).',
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
    inviteToken: t.exposeString('inviteToken', {
      description:
        'The single-use invitation token, returned only here and only once (SoulSeer stores just its hash). There is no ' +
        'mailer yet: deliver it to the reader yourself, who passes it to acceptReaderInvite. Re-inviting voids earlier tokens.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the invitation stops working.' }),
  }),
});

const AcceptReaderInviteInput = builder.inputType('AcceptReaderInviteInput', {
  description: 'An invitation token and the password the reader chooses.',
  fields: (t) => ({
    token: t.string({ required: true, description: 'The token from inviteReader.' }),
    password: t.string({ required: true, description: 'At least 10 characters (at most 128), with a letter and a digit.' }),
  }),
});

builder.mutationFields((t) => ({
  inviteReader: t.field({
    type: InviteReaderPayload,
    description: 'Admins with READERS_MANAGE (support, super-admins): creates a PENDING reader account with a reader profile and a single-use invitation that expires in 72 hours.',
    authScopes: { adminPermission: 'READERS_MANAGE' },
    args: { input: t.arg({ type: InviteReaderInput, required: true, description: 'Who to invite.' }) },
    resolve: (_root, { input }, ctx) => invites.inviteReader(ctx, input),
  }),
  acceptReaderInvite: t.field({
    type: AuthPayload,
    description:
      'Sets the invited reader\'s password, activates the account and signs the reader in. Errors (nothing changes): ' +
      'BAD_USER_INPUT with reason INVITE_INVALID (unknown token) or INVITE_EXPIRED; CONFLICT with reason INVITE_USED.',
    args: { input: t.arg({ type: AcceptReaderInviteInput, required: true, description: 'Token and new password.' }) },
    resolve: (_root, { input }, ctx) => invites.acceptReaderInvite(ctx, input),
  }),
}));
