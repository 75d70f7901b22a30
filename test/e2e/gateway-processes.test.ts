import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, RegisterDocument } from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { print } from 'graphql';

// Several instances side by side: two accounts processes and two gateway processes (the entry points
// scripts/services/accounts.ts and gateway/main.ts), each with its own pool, over one database.
let fed: TestFederation;
const children: ChildProcess[] = [];
const gateways: string[] = [];
const accounts: string[] = [];

function start(file: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${stderr.slice(-500)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{') && line.includes('"ready":true')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

beforeAll(async () => {
  fed = await startTestFederation();
  const common = {
    NODE_ENV: 'production',
    JWT_SECRET: fed.runtime.config.jwtSecret,
    GATEWAY_SECRET: fed.runtime.config.gatewaySecret,
    DATABASE_URL: fed.db.url,
    DATABASE_SCHEMA: fed.db.schema,
    DB_POOL_SIZE: '2',
    REDIS_URL: '',
  };
  accounts.push(...(await Promise.all([0, 1].map(() => start('scripts/services/accounts.ts', { ...common, ACCOUNTS_PORT: '0' })))));
  const others = {
    READINGS_URL: fed.subgraphs.readings.url,
    PAYMENTS_URL: fed.subgraphs.payments.url,
    COMMUNITY_URL: fed.subgraphs.community.url,
  };
  gateways.push(
    ...(await Promise.all(accounts.map((url) => start('gateway/main.ts', { ...common, ...others, PORT: '0', ACCOUNTS_URL: url })))),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(
    children.map((c) => {
      if (c.exitCode !== null) return null;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return exited;
    }),
  );
  await fed?.stop();
});

describe('services as separate processes', () => {
  it('each instance answers on its own port and refuses unsigned requests', async () => {
    expect(new Set([...accounts, ...gateways]).size).toBe(4);
    for (const url of accounts) {
      const res = await postGraphQL(url, { query: '{ me { id } }' });
      expect(res.status).toBe(401);
      expect((await fetch(url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
    }
  });

  it('a user registered through one gateway logs in and reads me through the other', async () => {
    const reg = await postGraphQL<{ register: { user: { id: string } } }>(gateways[0]!, {
      query: print(RegisterDocument),
      variables: { input: { email: 'twin@example.com', password: 'correct-horse-1', firstName: 'Twin' } },
    });
    expect(reg.errors).toBeUndefined();
    const login = await postGraphQL<{ login: { accessToken: string } }>(gateways[1]!, {
      query: print(LoginDocument),
      variables: { input: { email: 'twin@example.com', password: 'correct-horse-1' } },
    });
    expect(login.errors).toBeUndefined();
    const me = await postGraphQL<{ me: { id: string; email: string } }>(gateways[0]!, { query: print(MeDocument) }, login.data!.login.accessToken);
    expect(me.data!.me).toMatchObject({ id: reg.data!.register.user.id, email: 'twin@example.com' });
    // Both gateways see all four subgraphs as ready.
    for (const g of gateways) {
      const ready = await fetch(g.replace(/\/graphql$/, '/ready'));
      expect(ready.status).toBe(200);
    }
  });
});
