import { builder } from '../builder.js';
import './transaction.js';
import './wallet.js';
import './earnings.js';
import './admin.js';
import './wallet-refunds.js';
import './card-refunds.js';
import './refs.js';
import './products.js';
import './orders.js';
import './booking-credits.js';
import './downloads.js';
import './admin-user.js';
import './analytics.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
