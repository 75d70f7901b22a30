import { createBuilder } from '../../shared/builder.js';

export const builder = createBuilder();
builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Write operations.' });
builder.subscriptionType({ description: 'Live events over graphql-ws.' });
