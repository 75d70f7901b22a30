import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A package only some processes use (Stripe, LiveKit, nodemailer, web push, ioredis), loaded where it is first
 * used instead of with the application: `npm start` on the embedded default needs none of them to answer, and loading
 * them was ~0.3 s of its CPU (bench/README.md "Start-up"). Import its types with `import type`; call this where the
 * value is needed (Node caches the module: the second call is a lookup). Synchronous, so constructors stay as they were.
 */
export function onFirstUse<T>(name: 'stripe' | 'livekit-server-sdk' | 'nodemailer' | 'web-push' | 'ioredis' | 'graphql-redis-subscriptions'): T {
  return load(name) as T;
}
