import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { randomSecret } from '../../shared/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { expectRefused, runEntryPoint } from '../helpers/processes.js';

// The plain mistakes a newcomer makes when starting a process are one line on stderr that says what to do, exit 1.
const secrets = () => ({ JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });
let db: TestDatabase;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 1 });
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await db.drop();
});

describe('start-up mistakes', { timeout: 120_000 }, () => {
  it('a database that does not answer', async () => {
    const exit = await runEntryPoint('scripts/services/accounts.ts', { ...secrets(), DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/none?connect_timeout=2' });
    expectRefused(exit, 'Cannot reach the PostgreSQL database 127.0.0.1:9/none');
  });

  it('a database whose migrations are not applied', async () => {
    await db.sql(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`);
    const exit = await runEntryPoint('scripts/services/readings.ts', { ...secrets(), DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema });
    expectRefused(exit, 'run npm run db:migrate');
  });

  it('a port in use', async () => {
    const exit = await runEntryPoint('gateway/main.ts', { ...secrets(), PORT: String(busyPort) });
    expectRefused(exit, `Port ${busyPort} is already in use`);
  });
});
