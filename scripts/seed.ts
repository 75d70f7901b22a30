// npm run db:seed: idempotent demo data into DATABASE_URL.
import { createPrisma } from '../shared/db/client.js';
import { seedDemoData } from '../prisma/seed.js';

const prisma = createPrisma(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
await seedDemoData(prisma);
await prisma.$disconnect();
console.log('demo data seeded');
