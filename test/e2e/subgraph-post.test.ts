import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { randomSecret } from '../../shared/config.js';
import { createPrisma } from '../../shared/db/client.js';
import { createPubSub } from '../../shared/pubsub.js';
import { REQUEST_ID_HEADER } from '../../shared/request-scope.js';
import { startSubgraph, VIEWER_INDEPENDENT_HEADER, type RunningServer } from '../../shared/server/subgraph.js';
import { schema } from '../../subgraphs/payments/schema/index.js';

// POST /graphql with a JSON body is served without express (shared/server/graphql-post.ts); everything else still goes through
// express. Both must answer alike: the gateway's refusal, the body limit, unreadable bodies, the headers it reads.
// No query here touches the database.

const secret = randomSecret();
const prisma = createPrisma('postgresql://postgres@127.0.0.1:9/none?connect_timeout=1', { max: 1 });
const pubsub = createPubSub();
let server: RunningServer;
let signed: string;

beforeAll(async () => {
  server = await startSubgraph({ name: 'payments', schema, prisma, pubsub, gatewaySecret: secret });
  signed = await signForwardedIdentity({ viewer: null, ip: '127.0.0.1', userAgent: 'test' }, secret);
});
afterAll(async () => {
  await server?.close();
  await pubsub.close();
  await prisma.$disconnect();
});

const post = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('POST /graphql without express', () => {
  it('refuses a request without the gateway signature before reading it', async () => {
    const res = await post('{"query":"{__typename}"}', {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'GATEWAY_SIGNATURE_REQUIRED' } }] });
  });

  it('answers a signed query with the request id and the viewer-independent mark', async () => {
    const res = await post('{"query":"{__typename}"}', { [VIEWER_HEADER]: signed, [REQUEST_ID_HEADER]: 'req-42' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe('req-42');
    expect(res.headers.get(VIEWER_INDEPENDENT_HEADER)).toBe('1');
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers exactly what the express path answers for the same operation', async () => {
    const body = JSON.stringify({ query: 'query Q { __typename nope }' });
    const fast = await post(body, { [VIEWER_HEADER]: signed });
    // A compressed body is not the fast path's: express inflates and parses it.
    const viaExpress = await post(gzipSync(body), { [VIEWER_HEADER]: signed, 'content-encoding': 'gzip' });
    expect(fast.status).toBe(viaExpress.status);
    expect(fast.headers.get('content-type')).toBe(viaExpress.headers.get('content-type'));
    expect(await fast.json()).toEqual(await viaExpress.json());
  });

  it('answers a body over 1 MiB with 413 and a body that is not a JSON object with 400, as JSON', async () => {
    const big = await post(JSON.stringify({ query: '{__typename}', variables: { pad: 'x'.repeat(1024 * 1024) } }), { [VIEWER_HEADER]: signed });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'The request could not be read.' });
    for (const bad of ['{"query":', '"{__typename}"', '42']) {
      const res = await post(bad, { [VIEWER_HEADER]: signed });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'The request could not be read.' });
    }
  });
});
