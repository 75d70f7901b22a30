import { builder } from '../builder.js';

/** Users and readers are owned by accounts; this subgraph only holds their ids (the gateway fetches the rest). */
export const UserRef = builder.externalRef('User', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'User id.' }) }),
});
export const ReaderRef = builder.externalRef('Reader', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'The reader\'s user id.' }) }),
});
