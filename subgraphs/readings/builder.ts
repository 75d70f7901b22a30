import { createBuilder } from '../../shared/builder.js';
import type { Context } from '../../shared/context.js';
import { internal, unauthenticated } from '../../shared/errors.js';
import type { ReadingsService } from './services/sessions.js';
import './deps.js';

export const builder = createBuilder();
builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Write operations.' });
builder.subscriptionType({ description: 'Live events over graphql-ws.' });

/** The readings service of this process (set by startReadings). */
export function readings(ctx: Context): ReadingsService {
  const service = ctx.deps.readings;
  if (!service) throw internal('The readings service is not running.');
  return service;
}

/** The signed-in viewer; the field's authScopes already refused anonymous callers. */
export function viewerOf(ctx: Context) {
  if (!ctx.viewer) throw unauthenticated('You must be signed in to do this.');
  return ctx.viewer;
}
