import { depsOf } from '../../../shared/context.js';
import { builder } from '../builder.js';
import * as push from '../services/web-push-subscriptions.js';

const WebPushKeysInput = builder.inputType('WebPushKeysInput', {
  description: 'The keys of a browser PushSubscription (its toJSON().keys).',
  fields: (t) => ({
    p256dh: t.string({ required: true, description: 'The browser\'s P-256 public key, base64url (65 bytes decoded).' }),
    auth: t.string({ required: true, description: 'The browser\'s authentication secret, base64url (16 bytes decoded).' }),
  }),
});

const RegisterWebPushSubscriptionInput = builder.inputType('RegisterWebPushSubscriptionInput', {
  description: 'A browser PushSubscription (its toJSON()) to receive web push notifications on.',
  fields: (t) => ({
    endpoint: t.string({ required: true, description: 'The push service URL of this browser (https; at most 2048 characters).' }),
    keys: t.field({ type: WebPushKeysInput, required: true, description: 'The encryption keys the browser gave with the endpoint.' }),
  }),
});

builder.queryField('vapidPublicKey', (t) =>
  t.string({
    nullable: true,
    description: 'The VAPID public key (base64url) to pass as applicationServerKey to pushManager.subscribe; null when this server sends no web push.',
    resolve: (_root, _args, ctx) => depsOf(ctx, 'community').webPush.publicKey,
  }),
);

builder.mutationField('registerWebPushSubscription', (t) =>
  t.boolean({
    authScopes: { authenticated: true },
    description: 'Registers this browser to receive the viewer\'s notifications by web push (again: refreshes its keys). True when stored.',
    args: { input: t.arg({ type: RegisterWebPushSubscriptionInput, required: true, description: 'The browser\'s PushSubscription.' }) },
    resolve: (_root, args, ctx) => push.registerWebPushSubscription(ctx, args.input),
  }),
);

builder.mutationField('unregisterWebPushSubscription', (t) =>
  t.boolean({
    authScopes: { authenticated: true },
    description: 'Stops web push to one of the viewer\'s browsers. True when it was removed; false when the viewer has no subscription with that endpoint.',
    args: { endpoint: t.arg.string({ required: true, description: 'The endpoint URL of the subscription to remove.' }) },
    resolve: (_root, args, ctx) => push.unregisterWebPushSubscription(ctx, args.endpoint),
  }),
);
