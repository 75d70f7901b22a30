// npm run db:migrate            applies prisma/migrations to DATABASE_URL
// npm run db:migration -- NAME  writes a new migration from the schema diff (no database needed)
import { applyMigrations, createMigration } from '../shared/db/migrations.js';

const [command, name] = process.argv.slice(2);
const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

if (command === 'migrate') {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} else if (command === 'migration') {
  if (!name) throw new Error('usage: npm run db:migration -- <name>');
  const dir = await createMigration(name, url);
  console.log(dir ? `wrote ${dir}/migration.sql` : 'schema unchanged: no migration written');
} else {
  throw new Error(`unknown command ${command}`);
}
