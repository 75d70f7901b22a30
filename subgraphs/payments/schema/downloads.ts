import { canBuy } from '../authz.js';
import { builder } from '../builder.js';
import { createDownloadLink } from '../services/downloads.js';

const DownloadLinkObject = builder.objectRef<{ url: string; expiresAt: Date; maxUses: number }>('DownloadLink').implement({
  description: 'A signed link to the file of a digital order line.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Path on the API\'s origin (the host serving /graphql): GET it to download the file. Anyone holding it can use it until it expires or is used up.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'The link stops working then (24 hours by default); ask for a new one.' }),
    maxUses: t.exposeInt('maxUses', { description: 'How many downloads the link allows (5 by default).' }),
  }),
});

builder.mutationField('downloadLink', (t) =>
  t.field({
    type: DownloadLinkObject,
    authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
    description: 'The buyer of a paid digital order line: a new signed, expiring, use-limited download link (NOT_FOUND for anyone else\'s line).',
    args: { orderItemId: t.arg.id({ required: true, description: 'Id of the digital line of one of the viewer\'s orders (Order.items.id).' }) },
    resolve: (_root, args, ctx) => createDownloadLink(ctx, String(args.orderItemId)),
  }),
);
