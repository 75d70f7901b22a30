import { builder } from '../builder.js';
import type { DataExport } from '../../../shared/db/generated/client.js';
import { deleteAccount } from '../services/account-deletion.js';
import { listDataExports, requestDataExport } from '../services/data-export.js';

// GDPR rights of the signed-in user (docs/privacy.md): a copy of their data, and deleting their account.

const DataExportStatusEnum = builder.enumType('DataExportStatus', {
  description: 'Where a data export stands.',
  values: {
    PENDING: { description: 'Queued: the archive is being assembled (usually within a minute).' },
    READY: { description: 'Assembled: `content` holds the archive until it expires.' },
    FAILED: { description: 'The archive could not be assembled; ask for a new one (an hour after this request).' },
  } as const,
});

const DataExportRef = builder.objectRef<DataExport>('DataExport').implement({
  description: 'An archive of everything SoulSeer holds about the signed-in user (GDPR export), kept 7 days; only its owner sees it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The export\'s id.' }),
    status: t.field({ type: DataExportStatusEnum, description: 'PENDING until the job has assembled it, then READY (or FAILED).', resolve: (e) => e.status }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
    readyAt: t.expose('readyAt', { type: 'DateTime', nullable: true, description: 'When the archive was assembled (null until READY).' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the archive is deleted (7 days after the request).' }),
    content: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The archive when READY (null otherwise): { exportedAt, userId, accounts: { profile, signIns }, readings: { sessions with transcripts, ' +
        'reviews }, community: { directMessages, forumPosts, forumReplies }, payments: { balances, transactions, orders } }.',
      resolve: (e) => (e.status === 'READY' && e.expiresAt.getTime() > Date.now() ? e.content : null),
    }),
  }),
});

const DeleteAccountInput = builder.inputType('DeleteAccountInput', {
  description: 'Confirmation of an account deletion by the account\'s owner.',
  fields: (t) => ({
    password: t.string({ required: true, description: 'The current password (wrong ones count like failed logins).' }),
    twoFactorCode: t.string({ description: 'With two-factor authentication on: a current 6-digit code or an unused recovery code.' }),
  }),
});

builder.queryFields((t) => ({
  dataExports: t.field({
    type: [DataExportRef],
    description: 'The signed-in user\'s unexpired data exports, newest first (at most 20; one can be requested per hour, each kept 7 days).',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => listDataExports(ctx),
  }),
}));

builder.mutationFields((t) => ({
  requestDataExport: t.field({
    type: DataExportRef,
    description:
      'Asks for an archive of everything SoulSeer holds about the signed-in user. It is assembled in the background (PENDING, then READY in ' +
      'dataExports) and the user is emailed when it is ready. One per hour: RATE_LIMITED with extensions.retryAfterSeconds otherwise.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => requestDataExport(ctx),
  }),
  deleteAccount: t.boolean({
    description:
      'Deletes the signed-in user\'s account for good: profile and written content are erased, every token stops working, and the email can ' +
      'sign up again. Payment records are kept without personal data. CONFLICT (extensions.reason SESSION_OPEN, UNPAID_EARNINGS, ' +
      'WALLET_BALANCE) while a session is open or money is still held; a wrong password or code changes nothing.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: DeleteAccountInput, required: true, description: 'The password and, with two-factor authentication on, a code.' }) },
    resolve: (_root, { input }, ctx) => deleteAccount(ctx, input),
  }),
}));
