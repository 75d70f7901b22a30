// npm run db:seed: idempotent demo data into DATABASE_URL.
import { createPrisma } from '../shared/db/client.js';
import { createPubSub } from '../shared/pubsub.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { seedDemoData } from '../prisma/seed.js';

const prisma = createPrisma(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
// Wallet announcements go nowhere (in-memory): nobody is subscribed to a seed run.
const pubsub = createPubSub();
await seedDemoData(prisma, createMoney(prisma, pubsub));
await pubsub.close();
await prisma.$disconnect();
console.log('demo data seeded');
