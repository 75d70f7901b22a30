import { defineConfig } from 'prisma/config';

// The schema is split into one file per owning subgraph (prisma/*.prisma).
export default defineConfig({
  schema: 'prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
