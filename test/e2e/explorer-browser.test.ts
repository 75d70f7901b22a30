// The in-browser explorer, in a real headless Chromium: the page served by the gateway (assets built
// locally, nothing from a CDN), a login run in the editor, a query that needs the token, and one
// subscription event over graphql-ws on the same path.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExplorerBuild } from '../../gateway/explorer-build.js';
import { launchChromium } from '../helpers/browser.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let reader: TestUser;
const email = `explorer-${Date.now()}@example.com`;
const password = 'Explorer-pass-2026';

beforeAll(async () => {
  fed = await startTestFederation({ config: { explorer: true } });
  seed = createSeed(fed);
  // The first page needs a build (about 10 s on a cold checkout): done here, so the test times the browser.
  await ensureExplorerBuild();
  const registered = await postGraphQL<{ register: { user: { id: string } } }>(fed.url, {
    query: 'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
    variables: { input: { email, password, firstName: 'Ex' } },
  });
  expect(registered.errors).toBeUndefined();
  // Messaging needs a verified email: the seed API's documented shortcut (accounts-security.test.ts follows the mail).
  await fed.db.prisma.user.update({ where: { id: registered.data!.register.user.id }, data: { emailVerifiedAt: new Date() } });
  reader = await seed.reader().named('explorer-reader').create();
}, 120_000);

afterAll(async () => {
  await fed?.stop();
});

/** A Monaco editor's visible text (Monaco renders spaces as no-break spaces). */
const editorText = (editor: Locator) => editor.locator('.view-lines').innerText().then((t) => t.replace(/\u00a0/g, ' '));

/** Replaces a Monaco editor's whole text (typed as one insertion, so auto-closing brackets do not interfere). */
async function setEditor(page: Page, editor: Locator, text: string) {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(editor).then((t) => t.replace(/\s+/g, ''))).toBe(text.replace(/\s+/g, ''));
}

/** Puts an operation in the query editor and runs it once GraphiQL has taken in its name (the tab shows it). */
async function runOperation(page: Page, name: string, text: string) {
  await setEditor(page, page.locator('.graphiql-query-editor'), text);
  await expect.poll(() => page.locator('[role="tab"][aria-selected="true"]').innerText()).toBe(name);
  await page.locator('.graphiql-execute-button').click();
}

const responseText = (page: Page) => editorText(page.locator('.graphiql-response'));

describe('GraphiQL in the browser', () => {
  it('logs in, runs a query with the token and receives a subscription event, all from the bundled page', async () => {
    // Launched here, not in a hook: without Chromium this test fails with launchChromium's message (never skips).
    const browser = await launchChromium();
    const page = await browser.newPage();
    // Generous for a 2-core machine shared with other test runs; a passing run takes about 10 s.
    page.setDefaultTimeout(20_000);
    const origin = new URL(fed.url).origin;
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().replace(/^ws/, 'http').startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    try {
      // 1. Open the page with the login mutation in the URL and run it.
      const login = `mutation Login { login(input: { email: "${email}", password: "${password}" }) { accessToken } }`;
      const schemaLoaded = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().postData()?.includes('IntrospectionQuery'));
      const res = await page.goto(`${fed.url}?query=${encodeURIComponent(login)}`);
      expect(res?.headers()['content-type']).toMatch(/^text\/html/);
      expect((await schemaLoaded).status()).toBe(200);
      await expect.poll(() => editorText(page.locator('.graphiql-query-editor'))).toContain('login');
      const loginResponse = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().postData()?.includes('login('));
      await expect.poll(() => page.locator('[role="tab"][aria-selected="true"]').innerText()).toBe('Login');
      await page.locator('.graphiql-execute-button').click();
      const loginJson = (await (await loginResponse).json()) as { data: { login: { accessToken: string } } };
      const token = loginJson.data.login.accessToken;
      expect(token).toMatch(/^ey/);
      await expect.poll(() => responseText(page)).toContain('accessToken');

      // 2. Paste the token into the headers editor (prefilled with a placeholder), run a query that needs it.
      const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
      await expect.poll(() => editorText(headersEditor)).toContain('"authorization": "Bearer <paste token>"');
      await setEditor(page, headersEditor, JSON.stringify({ authorization: `Bearer ${token}` }));
      const meResponse = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().postData()?.includes('Me'));
      await runOperation(page, 'Me', 'query Me { me { id email } }');
      expect((await meResponse).request().headers().authorization).toBe(`Bearer ${token}`);
      await expect.poll(() => responseText(page)).toContain(email);

      // 3. A subscription over graphql-ws with the same token; the test sends a message through the API.
      const sockets: string[] = [];
      const framesSent: string[] = [];
      page.on('websocket', (ws) => {
        sockets.push(ws.url());
        ws.on('framesent', (f) => framesSent.push(String(f.payload)));
      });
      await runOperation(page, 'Inbox', 'subscription Inbox { messageReceived { content } }');
      await expect.poll(() => framesSent.some((f) => f.includes('"subscribe"')), { timeout: 20_000 }).toBe(true);
      expect(sockets).toEqual([fed.gateway.wsUrl]);
      // The headers editor's token went into connection_init, or messageReceived would be refused.
      const init = JSON.parse(framesSent.find((f) => f.includes('connection_init'))!) as { payload: Record<string, string> };
      expect(init.payload.authorization).toBe(`Bearer ${token}`);
      await expect.poll(() => fed.pubsub.listenerCount(), { timeout: 20_000 }).toBeGreaterThan(0);
      // A reader answers clients who wrote first: the client writes (with the token from the page), the reader replies.
      const send = (recipientId: string, content: string, as: string) =>
        postGraphQL(fed.url, { query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', variables: { input: { recipientId, content } } }, as);
      const me = await fed.db.prisma.user.findUniqueOrThrow({ where: { email } });
      expect((await send(reader.id, 'hello reader', token)).errors).toBeUndefined();
      const sent = await send(me.id, 'hello from the test', reader.token);
      expect(sent.errors).toBeUndefined();
      await expect.poll(() => responseText(page), { timeout: 20_000 }).toContain('hello from the test');


      // 4. The explorer plugin lists the schema's fields (built from the introspection it loaded).
      await page.locator('[aria-label="Show GraphiQL Explorer"]').click();
      await expect.poll(() => page.locator('.graphiql-plugin').innerText()).toContain('readerStatusChanged');
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      const shot = path.join(tmpdir(), `explorer-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`${(error as Error).message}\n(screenshot: ${shot})`, { cause: error });
    } finally {
      await browser.close();
    }
  }, 90_000);
});
