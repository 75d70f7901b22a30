import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryPlan } from '@apollo/query-planner';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { mergedDocument, mergePlanOf } from '../../gateway/fetch-merge.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { createMoney } from '../../subgraphs/payments/services/money.js';
import { seedDemoData } from '../../prisma/seed.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';

/** A signed-in client's home screen: me and the two entity fetches behind mySessions and conversations go to accounts. */
const MIX = `query Home {
  me { id displayName }
  wallet { userId balanceCents }
  mySessions(first: 10) { edges { node { id billedMinutes reader { id displayName avatarUrl } } } }
  conversations(first: 10) { edges { node { id otherParticipant { id displayName } } } }
}`;

const ME = 'query Home__accounts__0{me{id displayName}}';
const READERS = 'query Home__accounts__3($representations:[_Any!]!){_entities(representations:$representations){...on Reader{__typename id displayName avatarUrl}}}';
const USERS = 'query Home__accounts__5($representations:[_Any!]!){_entities(representations:$representations){...on User{__typename id displayName}}}';
const fetchNode = (serviceName: string, operation: string, entities = false) =>
  ({ kind: 'Fetch', serviceName, operation, operationName: operation.split(/[({]/)[0]!.slice(6), operationKind: 'query', ...(entities ? { requires: [{ kind: 'InlineFragment', selections: [] }] } : {}) }) as never;
const planOf = (...branches: unknown[]): QueryPlan => ({ kind: 'QueryPlan', node: { kind: 'Parallel', nodes: branches as never } });
const after = (head: unknown, entity: unknown) => ({ kind: 'Sequence', nodes: [head, { kind: 'Flatten', path: ['x'], node: entity }] });

describe('which fetches of a plan merge', () => {
  it('groups a root fetch with the entity fetches that follow other subgraphs, and builds one operation of them', () => {
    const plan = planOf(
      fetchNode('accounts', ME),
      fetchNode('payments', 'query Home__payments__1{wallet{userId}}'),
      after(fetchNode('readings', 'query Home__readings__2{mySessions{edges{node{reader{__typename id}}}}}'), fetchNode('accounts', READERS, true)),
      after(fetchNode('community', 'query Home__community__4{conversations{edges{node{otherParticipant{__typename id}}}}}'), fetchNode('accounts', USERS, true)),
    );
    const merge = mergePlanOf(plan)!;
    expect([...merge.keys()].sort()).toEqual([ME, READERS, USERS].sort());
    expect(merge.get(READERS)!.after).toMatch(/^query Home__readings__2/);
    expect(merge.get(ME)!.after).toBeNull();
    // The same plan object is analysed once.
    expect(mergePlanOf(plan)).toBe(merge);
    const doc = mergedDocument(merge.get(ME)!.group)!;
    expect(doc.query).toBe(
      'query Home__accounts__0__merged($representations:[_Any!]!){me{id displayName}_entities(representations:$representations){...on Reader{__typename id displayName avatarUrl}...on User{__typename id displayName}}}',
    );
    expect(doc.keys).toEqual([['me'], null, null]);
  });

  it('leaves alone what could change an answer: a type in two entity fetches, a response key twice, fragments, one fetch per subgraph', () => {
    expect(mergedDocument([{ query: READERS, entities: true }, { query: READERS.replace('__3', '__4'), entities: true }])).toBeNull();
    expect(mergedDocument([{ query: ME, entities: false }, { query: 'query B{me{id}}', entities: false }])).toBeNull();
    expect(mergedDocument([{ query: ME, entities: false }, { query: 'query B{...F} fragment F on Query{me{id}}', entities: false }])).toBeNull();
    expect(mergedDocument([{ query: 'query A($first:Int){readers(first:$first){edges{cursor}}}', entities: false }, { query: 'query B($first:Int!){me{id}}', entities: false }])).toBeNull();
    expect(mergedDocument([{ query: 'query A($first:Int){readers(first:$first){edges{cursor}}}', entities: false }, { query: USERS, entities: true }])!.query).toBe(
      'query A__merged($first:Int$representations:[_Any!]!){readers(first:$first){edges{cursor}}_entities(representations:$representations){...on User{__typename id displayName}}}',
    );
    expect(mergePlanOf(planOf(fetchNode('accounts', ME), fetchNode('payments', 'query P{wallet{userId}}')))).toBeNull();
    expect(mergePlanOf({ kind: 'QueryPlan', node: fetchNode('accounts', ME) })).toBeNull();
  });
});

let fed: TestFederation;
const gateways: RunningGateway[] = [];
/** Subgraph requests by subgraph URL, per gateway label; `failMerged` answers 500 to every merged request. */
const sent: Record<string, Record<string, number>> = {};
let failMerged = false;
let client: { id: string; token: string };
let newcomer: { id: string; token: string };

async function gatewayWith(label: string, fetchMerge: boolean): Promise<RunningGateway> {
  sent[label] = {};
  const g = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(fed.subgraphs).map(([n, s]) => [n, s.url])) as never,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    fetchMerge,
    subgraphFetch: async (input, init) => {
      const url = String(input);
      sent[label]![url] = (sent[label]![url] ?? 0) + 1;
      if (failMerged && String(init?.body).includes('__merged')) return new Response('{"errors":[{"message":"no"}]}', { status: 500, headers: { 'content-type': 'application/json' } });
      return fetch(input, init);
    },
  });
  gateways.push(g);
  return g;
}

beforeAll(async () => {
  fed = await startTestFederation();
  await seedDemoData(fed.db.prisma, createMoney(fed.db.prisma, fed.pubsub));
  client = await createSeed(fed).client().named('alice').registered().create();
  newcomer = await createSeed(fed).client().named('nell').registered().create();
  const readers = (await fed.db.prisma.reader.findMany({ select: { userId: true }, orderBy: { userId: 'asc' }, take: 3 })).map((r) => r.userId);
  const started = new Date(Date.now() - 86_400_000);
  await fed.db.prisma.session.createMany({
    data: readers.map((readerId, k) => ({
      clientId: client.id, readerId, type: 'CHAT' as const, status: 'COMPLETED' as const, rateCents: 199, requestedAt: started, acceptedAt: started,
      startedAt: new Date(started.getTime() + k * 1000), endedAt: new Date(started.getTime() + 600_000), billedMinutes: 5 + k, duration: 300, connectedSeconds: 300,
      totalCostCents: 995, endReason: 'ENDED_BY_CLIENT',
    })),
  });
  await fed.db.prisma.conversation.createMany({
    data: readers.slice(0, 2).map((readerId, k) => {
      const [userAId, userBId] = client.id < readerId ? [client.id, readerId] : [readerId, client.id];
      return { id: `merge-conv-${k}`, userAId, userBId, lastMessageAt: new Date(Date.now() - k * 60_000) };
    }),
  });
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  await fed?.stop();
});

const accountsSent = (label: string) => sent[label]![fed.subgraphs.accounts.url] ?? 0;
const reset = () => Object.values(sent).forEach((s) => Object.keys(s).forEach((k) => delete s[k]));

describe('a viewer home screen through the gateway', () => {
  it('asks accounts once instead of three times, with the same answer as without merging', async () => {
    const merging = await gatewayWith('merging', true);
    const plain = await gatewayWith('plain', false);
    reset();
    const a = await postGraphQL<Record<string, unknown>>(merging.url, { query: MIX }, client.token);
    const b = await postGraphQL<Record<string, unknown>>(plain.url, { query: MIX }, client.token);
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(b.data);
    const sessions = (a.data!.mySessions as { edges: { node: { reader: { displayName: string } } }[] }).edges;
    expect(sessions).toHaveLength(3);
    expect(sessions.every((e) => e.node.reader.displayName)).toBe(true);
    expect((a.data!.conversations as { edges: unknown[] }).edges).toHaveLength(2);
    expect((a.data!.me as { id: string }).id).toBe(client.id);
    expect(accountsSent('merging')).toBe(1);
    expect(accountsSent('plain')).toBe(3);
  });

  it('answers a viewer with no sessions and no conversations (the entity fetches never come) without waiting for them', async () => {
    reset();
    const r = await postGraphQL<Record<string, unknown>>(gateways[0]!.url, { query: MIX }, newcomer.token);
    expect(r.errors).toBeUndefined();
    expect((r.data!.me as { id: string }).id).toBe(newcomer.id);
    expect((r.data!.mySessions as { edges: unknown[] }).edges).toEqual([]);
    expect(accountsSent('merging')).toBe(1);
  });

  it('sends each fetch on its own when the merged request fails, and still answers in full', async () => {
    reset();
    failMerged = true;
    try {
      const r = await postGraphQL<Record<string, unknown>>(gateways[0]!.url, { query: MIX }, client.token);
      expect(r.errors).toBeUndefined();
      expect((r.data!.mySessions as { edges: unknown[] }).edges).toHaveLength(3);
      // The merged request, then me, the readers and the users each alone.
      expect(accountsSent('merging')).toBe(4);
    } finally {
      failMerged = false;
    }
  });

  it('keeps every concurrent viewer to their own data', async () => {
    reset();
    const viewers = [client, newcomer, client, newcomer, client];
    const answers = await Promise.all(viewers.map((v) => postGraphQL<{ me: { id: string }; wallet: { userId: string } }>(gateways[0]!.url, { query: MIX }, v.token)));
    answers.forEach((r, i) => {
      expect(r.errors).toBeUndefined();
      expect(r.data!.me.id).toBe(viewers[i]!.id);
      expect(r.data!.wallet.userId).toBe(viewers[i]!.id);
    });
  });
});
