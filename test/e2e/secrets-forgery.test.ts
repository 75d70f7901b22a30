import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken, signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import {
  AcceptSessionDocument,
  AuditLogsDocument,
  CommunityLiveStreamDocument,
  CommunityScheduleLiveStreamDocument,
  CommunityStartLiveStreamDocument,
  MeDocument,
  RequestSessionDocument,
} from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { liveKitEvent, signLiveKitWebhook } from '../fakes/livekit.js';
import { balanceOf } from './readings-fixtures.js';
import { npmStartConfig, PUBLISHED_SECRETS } from './secrets-fixtures.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// A federation configured exactly as a default `npm start` configures it (no NODE_ENV, no secrets in the
// environment): whoever read the repository must not be able to sign anything it accepts.
let fed: TestFederation;
let seed: Seed;
let cleanup: () => void;

beforeAll(async () => {
  const start = npmStartConfig();
  cleanup = start.cleanup;
  fed = await startTestFederation({ config: start.config });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  cleanup?.();
});

async function postWebhook(body: string, authorization: string) {
  const res = await fetch(fed.url.replace(/\/graphql$/, '/webhooks/livekit'), {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization },
    body,
  });
  return res.status;
}
const forged = (body: string) => signLiveKitWebhook(body, PUBLISHED_SECRETS.livekitKey, PUBLISHED_SECRETS.livekitSecret);

describe('secrets published in the source sign nothing (default npm start configuration)', () => {
  it('generated its own secrets, none of them a published one', () => {
    const c = fed.runtime.config;
    expect(c.dev).toBe(true);
    for (const s of [c.jwtSecret, c.gatewaySecret, c.livekit.apiSecret]) {
      expect(Buffer.byteLength(s)).toBeGreaterThanOrEqual(32);
      expect(s).not.toContain('soulseer-development-secret');
    }
    expect(c.livekit.apiKey).not.toBe(PUBLISHED_SECRETS.livekitKey);
  });

  it('refuses an ADMIN access token minted with the published JWT secret', async () => {
    const admin = await seed.admin().create();
    const token = await createAccessToken({ id: admin.id, role: 'ADMIN' }, PUBLISHED_SECRETS.jwt, 900);
    const me = await fed.run(MeDocument, {}, token);
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('UNAUTHENTICATED');
    expect(me.data?.me ?? null).toBeNull();
    const logs = await fed.run(AuditLogsDocument, { first: 5 }, token);
    expect(errorCode(logs)).toBe('UNAUTHENTICATED');
    expect(logs.data?.auditLogs ?? null).toBeNull();
    // The real secret still works (the refusal is about the signer, not the request).
    expect((await fed.run(MeDocument, {}, admin.token)).data?.me?.id).toBe(admin.id);
  });

  it('refuses a viewer header signed with the published gateway secret sent straight to a subgraph', async () => {
    const admin = await seed.admin().create();
    const header = await signForwardedIdentity({ viewer: { id: admin.id, role: 'ADMIN' }, ip: '127.0.0.1', userAgent: 'forger' }, PUBLISHED_SECRETS.gateway);
    for (const name of ['accounts', 'readings', 'payments', 'community'] as const) {
      const res = await postGraphQL(fed.subgraphs[name].url, { query: '{ __typename }' }, null, { [VIEWER_HEADER]: header });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'GATEWAY_SIGNATURE_REQUIRED' });
    }
    const audit = await postGraphQL<{ auditLogs: unknown }>(fed.subgraphs.accounts.url, { query: print(AuditLogsDocument), variables: { first: 5 } }, null, { [VIEWER_HEADER]: header });
    expect(audit.status).toBe(401);
    expect(audit.data?.auditLogs ?? null).toBeNull();
  });

  it('refuses LiveKit participant_joined signed with the development key: no billing starts', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 500 }).create();
    const client = await seed.client().withCredit(2000).create();
    const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    expect(req.errors).toBeUndefined();
    const { id, roomName } = req.data!.requestSession;
    expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();

    for (const who of [client.id, reader.id]) {
      const body = liveKitEvent('participant_joined', roomName, who);
      expect(await postWebhook(body, await forged(body))).toBe(401);
    }
    expect(await fed.db.prisma.session.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'ACCEPTED',
      clientConnected: false,
      readerConnected: false,
      billedMinutes: 0,
    });
    expect(await balanceOf(fed, client.id)).toBe(2000);
    expect(await fed.db.prisma.processedWebhook.count()).toBe(0);
  });

  it('refuses LiveKit egress_ended signed with the development key: the recording URL is unchanged', async () => {
    const reader = await seed.reader().create();
    const s = await fed.run(
      CommunityScheduleLiveStreamDocument,
      { input: { title: 'Forged egress', category: 'tarot', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), visibility: 'PUBLIC' } },
      reader.token,
    );
    expect(s.errors).toBeUndefined();
    const { id, roomName } = s.data!.scheduleLiveStream;
    expect((await fed.run(CommunityStartLiveStreamDocument, { streamId: id }, reader.token)).errors).toBeUndefined();
    const body = JSON.stringify({
      id: `EV_forged_${id}`,
      event: 'egress_ended',
      egressInfo: { egressId: 'EG_forged', roomName, fileResults: [{ filename: 'x.mp4', location: 'https://attacker.example/x.mp4' }] },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    expect(await postWebhook(body, await forged(body))).toBe(401);
    const stream = await fed.run(CommunityLiveStreamDocument, { id }, reader.token);
    expect(stream.errors).toBeUndefined();
    expect(stream.data!.liveStream!.recordingUrl).toBeNull();
    expect(await fed.db.sql('SELECT 1 FROM stream_webhook_events')).toHaveLength(0);
  });
});
