import { createBuilder } from '../../shared/builder.js';
import './deps.js';

export const builder = createBuilder();
builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Write operations.' });
builder.subscriptionType({ description: 'Live events over graphql-ws.' });
