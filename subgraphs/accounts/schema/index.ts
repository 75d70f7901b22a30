import { builder } from '../builder.js';
import './user.js';
import './reader.js';
import './auth.js';
import './presence.js';
import './invite.js';
import './admin.js';
import './admin-permissions.js';
import './settings.js';
import './admin-users.js';
import './leaderboard.js';
import './security.js';
import './privacy.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
