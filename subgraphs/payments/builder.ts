import { createBuilder } from '../../shared/builder.js';

export const builder = createBuilder();
builder.queryType({ description: 'Read operations.' });
