import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptSessionDocument, JoinSessionDocument, RequestSessionDocument, SessionDocument, SessionUpdatedDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { timeTravel } from './readings-fixtures.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// A client's wallet balance is the client's: the reader of their session sees how many minutes it still pays
// for, never the amount. Through the gateway, for queries and for every sessionUpdated event, with the client
// and the reader subscribed to the very same operation (so one rendering can never serve the other).

let fed: TestFederation;
let seed: Seed;
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

describe('the session meter and the client\'s balance', () => {
  it('shows the balance to the client (and admins) and only affordable minutes to the reader, in queries and every event', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 250 }).create();
    const client = await seed.client().withCredit(5_000).create();
    const admin = await seed.admin().create();
    const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    const id = req.data!.requestSession.id;

    const [readerWs, clientWs] = [connect(fed.gateway.wsUrl, reader.token), connect(fed.gateway.wsUrl, client.token)];
    sockets.push(readerWs, clientWs);
    const readerSide = subscribe(readerWs, SessionUpdatedDocument, { sessionId: id });
    const clientSide = subscribe(clientWs, SessionUpdatedDocument, { sessionId: id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 2);

    expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
    await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
    await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
    const startedFor = async (side: typeof readerSide) => {
      for (;;) {
        const e = (await side.next()).data!.sessionUpdated;
        if (e.kind === 'STARTED') return e;
      }
    };
    // Minute 1 is charged at the start: 4,750 left, 19 minutes at $2.50.
    expect((await startedFor(clientSide)).meter).toMatchObject({ billedMinutes: 1, balanceCents: 4_750, affordableMinutes: 19 });
    expect((await startedFor(readerSide)).meter).toMatchObject({ billedMinutes: 1, balanceCents: null, affordableMinutes: 19 });

    await timeTravel(fed, id, 60);
    const tickFor = async (side: typeof readerSide) => {
      for (;;) {
        const e = (await side.next(8000)).data!.sessionUpdated;
        if (e.kind === 'MINUTE_CHARGED') return e;
      }
    };
    expect((await tickFor(clientSide)).meter).toMatchObject({ billedMinutes: 2, balanceCents: 4_500, affordableMinutes: 18 });
    expect((await tickFor(readerSide)).meter).toMatchObject({ billedMinutes: 2, balanceCents: null, affordableMinutes: 18 });
    // No event the reader received carried the amount, in any field.
    for (const e of readerSide.events) {
      expect(e.errors).toBeUndefined();
      expect(e.data!.sessionUpdated.meter.balanceCents).toBeNull();
      expect(JSON.stringify(e)).not.toMatch(/\b4[57][05]0\b/);
    }

    const meterAs = async (token: string) => {
      const res = await fed.run(SessionDocument, { id }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.session!.meter;
    };
    expect(await meterAs(reader.token)).toMatchObject({ balanceCents: null, affordableMinutes: 18 });
    expect(await meterAs(client.token)).toMatchObject({ balanceCents: 4_500, affordableMinutes: 18 });
    expect(await meterAs(admin.token)).toMatchObject({ balanceCents: 4_500, affordableMinutes: 18 });
    readerSide.stop();
    clientSide.stop();
  });

  it('does not tell a reader starting a booking how much the client has when it is not enough', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(350).create();
    const now = new Date();
    const booked = await fed.db.prisma.session.create({
      data: { clientId: client.id, readerId: reader.id, type: 'CHAT', status: 'SCHEDULED', rateCents: 200, scheduledAt: now, confirmedAt: now },
    });
    const res = await fed.run(AcceptSessionDocument, { sessionId: booked.id }, reader.token);
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(res.errors![0]!.extensions).toMatchObject({ affordableMinutes: 1 });
    expect(res.errors![0]!.extensions).not.toHaveProperty('balanceCents');
    expect(JSON.stringify(res.errors)).not.toContain('350');
    expect((await fed.db.prisma.session.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('SCHEDULED');
  });
});
