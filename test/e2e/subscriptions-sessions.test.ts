import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptSessionDocument, RequestSessionDocument, SessionUpdatedDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// readings' sessionUpdated through the gateway: the payload selects session.reader.displayName (accounts).
let fed: TestFederation;
let seed: Seed;
const sockets: WsClient[] = [];
const open = (token: string) => {
  const ws = connect(fed.gateway.wsUrl, token);
  sockets.push(ws);
  return ws;
};
beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

describe('sessionUpdated through the gateway', () => {
  it('pushes the change to both participants with the reader\'s display name from accounts, refuses others, releases all', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const stranger = await seed.client().create();
    const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    expect(req.errors).toBeUndefined();
    const sessionId = req.data!.requestSession.id;

    const before = fed.runtime.pubsub.listenerCount();
    const asClient = subscribe(open(client.token), SessionUpdatedDocument, { sessionId });
    const asReader = subscribe(open(reader.token), SessionUpdatedDocument, { sessionId });
    const asStranger = subscribe(open(stranger.token), SessionUpdatedDocument, { sessionId });
    const refused = await asStranger.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === before + 2);

    expect((await fed.run(AcceptSessionDocument, { sessionId }, reader.token)).errors).toBeUndefined();
    for (const sub of [asClient, asReader]) {
      const e = await sub.next();
      expect(e.errors).toBeUndefined();
      expect(e.data!.sessionUpdated).toMatchObject({ kind: 'ACCEPTED', status: 'ACCEPTED', session: { id: sessionId, reader: { id: reader.id, displayName: reader.displayName } } });
    }

    asClient.stop();
    asReader.stop();
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === before);
    await eventually(() => fed.gateway.subscriptions.stats(), (s) => s.operations === 0 && (s.upstreamOperations.readings ?? 0) === 0);
  });
});
