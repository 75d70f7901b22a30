import { builder } from '../builder.js';

/** Users and readers are owned by accounts; this subgraph only holds their ids. */
export const UserRef = builder.externalRef('User', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'Stable user id, used as the key across subgraphs.' }) }),
});
export const ReaderRef = builder.externalRef('Reader', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'The reader\'s user id.' }) }),
});
/** Live streams are owned by community (which decides who may see one); readings only holds their ids. */
export const LiveStreamRef = builder.externalRef('LiveStream', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'Stable id of the stream; pass it to joinLiveStream, liveStreamToken and streamEvents.' }) }),
});
