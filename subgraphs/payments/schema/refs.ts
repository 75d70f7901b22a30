import { builder } from '../builder.js';

/** Users are owned by accounts; payments only holds their ids (the gateway fetches the rest). */
export const UserRef = builder.externalRef('User', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'Stable user id, used as the key across subgraphs.' }) }),
});
/** Resolvable here so payments can add a reader's shop (`products`) to the Reader entity (see products.ts). */
export const ReaderRef = builder.externalRef('Reader', builder.selection<{ id: string }>('id'), (ref) => ({ id: ref.id })).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'The reader\'s user id.' }) }),
});

/** Sessions are owned by readings; a booking credit points at the one it was redeemed for (readings checks who may see it). */
export const SessionRef = builder.externalRef('Session', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'Stable id of the session.' }) }),
});
