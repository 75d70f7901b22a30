import { builder } from '../builder.js';
import './refs.js';
import './session.js';
import './chat.js';
import './review.js';
import './availability.js';
import './favorite.js';
import './admin-user.js';
import './analytics.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
