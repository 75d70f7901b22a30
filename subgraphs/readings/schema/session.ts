import { builder } from '../builder.js';
import { sessionTypeEnum } from '../../../shared/graphql/enums.js';
import { SessionStatus } from '../../../shared/db/generated/enums.js';
import { ReaderRef, UserRef } from './refs.js';

export const SessionTypeEnum = sessionTypeEnum(builder);
export const SessionStatusEnum = builder.enumType(SessionStatus, {
  name: 'SessionStatus',
  description: 'Where a reading session is in its life.',
});

export const SessionObject = builder.prismaObject('Session', {
  description: 'A paid reading between a client and a reader.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Session id.' }),
    type: t.expose('type', { type: SessionTypeEnum, description: 'Chat, call or video.' }),
    status: t.expose('status', { type: SessionStatusEnum, description: 'Current state.' }),
    ratePerMinuteCents: t.exposeInt('rateCents', { description: 'Per-minute rate fixed at request time, in cents.' }),
    client: t.field({ type: UserRef, description: 'The client.', resolve: (s) => ({ id: s.clientId }) }),
    reader: t.field({ type: ReaderRef, description: 'The reader.', resolve: (s) => ({ id: s.readerId }) }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the client asked.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When billing started.' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
    billedMinutes: t.exposeInt('billedMinutes', { description: 'Minutes charged so far.' }),
    totalCostCents: t.exposeInt('totalCostCents', { description: 'Charged so far, in cents.' }),
  }),
});

builder.queryField('mySessions', (t) =>
  t.prismaConnection({
    type: 'Session',
    cursor: 'id',
    defaultSize: 20,
    maxSize: 50,
    authScopes: { authenticated: true },
    description: 'The viewer\'s sessions as client or reader, newest first.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.session.findMany({
        ...query,
        where: { OR: [{ clientId: ctx.viewer!.id }, { readerId: ctx.viewer!.id }] },
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);
