import { builder } from '../builder.js';

/** Users and readers are owned by accounts; this subgraph only holds their ids (the gateway fetches the rest). */
export const UserRef = builder.externalRef('User', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'Stable user id, used as the key across subgraphs.' }) }),
});
/** Resolvable here so community can add the reader's gift totals to the Reader entity (see gifts.ts). */
export const ReaderRef = builder.externalRef('Reader', builder.selection<{ id: string }>('id'), (ref) => ({ id: ref.id })).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'The reader\'s user id.' }) }),
});
