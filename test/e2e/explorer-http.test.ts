// The explorer's HTTP side: which GETs get the page, the plain answer when it is off, and that Apollo's CSRF
// prevention still guards GraphQL GETs. (The page itself runs in Chromium in explorer-browser.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { ensureExplorerBuild, explorerBuildId } from '../../gateway/explorer-build.js';
import { readCommittedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from '../../gateway/supergraph.js';
import { loadConfig, randomSecret } from '../../shared/config.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';

// What Chromium sends when a person opens the URL.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let fed: TestFederation;
let off: RunningGateway;
beforeAll(async () => {
  fed = await startTestFederation({ config: { explorer: true } });
  await ensureExplorerBuild();
  // The explorer off, in development mode: the mode that puts stack traces in GraphQL errors.
  off = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, fed.subgraphs[n].url])) as Record<SubgraphName, string>,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    dev: true,
    explorer: false,
  });
}, 120_000);
afterAll(async () => {
  await off?.close();
  await fed?.stop();
});

const origin = (url: string) => url.replace(/\/graphql$/, '');
const browserGet = (url: string) => fetch(url, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });

describe('the explorer turned off', () => {
  it('answers a browser GET with a short plain text, no stack trace', async () => {
    const res = await browserGet(off.url);
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/explorer is off.*GRAPHQL_EXPLORER=1/s);
    expect(text.length).toBeLessThan(300);
    expect(text).not.toMatch(/CSRF|stacktrace|\bat .+:\d+:\d+/);
    // Its assets are not served either.
    const asset = await fetch(`${origin(off.url)}/explorer/${await explorerBuildId()}/app.js`);
    expect(asset.status).toBe(404);
    await asset.body?.cancel();
  });

  it('keeps CSRF prevention for GraphQL GETs: refused without a preflight header, answered with one', async () => {
    const url = `${off.url}?query=${encodeURIComponent('{ __typename }')}`;
    const refused = await fetch(url, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Cross-Site Request Forgery/);
    const answered = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the explorer turned on', () => {
  it('serves the page on a browser GET with its own assets only, framed by nobody', async () => {
    const res = await browserGet(fed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    const id = await explorerBuildId();
    expect(html).toContain(`src="/explorer/${id}/app.js"`);
    // Nothing from another host: it works offline.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

    const js = await fetch(`${origin(fed.url)}/explorer/${id}/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const traversal = await fetch(`${origin(fed.url)}/explorer/${id}/..%2f..%2fpackage.json`);
    expect(traversal.status).not.toBe(200);
    await traversal.body?.cancel();
  });

  it('never runs an operation carried by a browser GET (a link or an image cannot make a user act)', async () => {
    const email = `csrf-${Date.now()}@example.com`;
    const mutation = `mutation { register(input: { email: "${email}", password: "Csrf-attempt-2026" }) { user { id } } }`;
    const res = await browserGet(`${fed.url}?query=${encodeURIComponent(mutation)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="graphiql">');
    expect(await fed.db.prisma.user.count({ where: { email } })).toBe(0);
  });

  it('redirects /graphql/ to /graphql (the page derives its endpoint from its own path)', async () => {
    const res = await browserGet(`${fed.url}/?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`/graphql?query=${encodeURIComponent('{ me { id } }')}`);
  });

  it('leaves API requests to Apollo: a POST and a JSON GET are answered as before', async () => {
    const post = await fetch(fed.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: BROWSER_ACCEPT }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
    const get = await fetch(`${fed.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(400);
    await get.body?.cancel();
  });

  it('reuses an existing build (a warm start runs no esbuild)', async () => {
    const again = await ensureExplorerBuild();
    expect(again).toMatchObject({ id: await explorerBuildId(), built: false });
  });
});

describe('GRAPHQL_EXPLORER', () => {
  it('is on by default in development, off in production, and the variable decides either way', () => {
    const secrets = { JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() };
    const prod = { NODE_ENV: 'production', ...secrets };
    expect(loadConfig(secrets).explorer).toBe(true);
    expect(loadConfig({ ...secrets, GRAPHQL_EXPLORER: '0' }).explorer).toBe(false);
    expect(loadConfig(prod).explorer).toBe(false);
    expect(loadConfig({ ...prod, GRAPHQL_EXPLORER: '1' }).explorer).toBe(true);
  });
});
