import { builder } from '../builder.js';
import './forum.js';
import './messages.js';
import './streams.js';
import './stream-invites.js';
import './gifts.js';
import './admin-user.js';
import './analytics.js';
import './notifications.js';
import './notification-preferences.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
import './web-push.js';
