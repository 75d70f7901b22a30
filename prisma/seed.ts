// Idempotent demo data for the embedded default (and for anyone who runs `npm run db:seed`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../shared/db/generated/client.js';
import type { SessionType, ReaderStatus } from '../shared/db/generated/enums.js';
import type { AdminRole } from '../shared/admin-permissions.js';
import { hashPassword } from '../shared/auth/passwords.js';
import { REPO_ROOT } from '../shared/repo-root.js';

/** Payments' adjustment (the seed credits demo clients through the ledger, never by writing balances). */
export interface DemoCredit {
  adjustBalance(
    input: { userId: string; amountCents: number; account: 'WALLET'; reason: string; idempotencyKey: string },
    ctx: { viewer: { id: string; role: 'ADMIN'; adminRoles: readonly AdminRole[] }; ip: null; userAgent: null },
  ): Promise<unknown>;
}

/** What each demo client may spend: a promotional adjustment, once per client (idempotency key per email). */
export const DEMO_CREDIT_CENTS = 5000;

export const DEMO_PASSWORD = 'SoulSeer-demo-2026';
export const DEMO_LOGINS = {
  admin: 'admin@soulseer.dev',
  readers: ['luna@soulseer.dev', 'orion@soulseer.dev', 'sage@soulseer.dev', 'iris@soulseer.dev', 'rowan@soulseer.dev', 'nova@soulseer.dev'],
  clients: ['client1@soulseer.dev', 'client2@soulseer.dev'],
};

const READERS: Array<{
  email: string; firstName: string; lastName: string; headline: string; bio: string; specialties: string[];
  experience: number; languages: string[]; status: ReaderStatus; rates: Partial<Record<SessionType, number>>; verified: boolean;
}> = [
  { email: 'luna@soulseer.dev', firstName: 'Luna', lastName: 'Marsh', headline: 'Tarot and love readings with warmth', bio: 'Twenty years of tarot, focused on relationships and new beginnings.', specialties: ['tarot', 'love'], experience: 20, languages: ['en', 'es'], status: 'ONLINE', rates: { CHAT: 299, CALL: 399, VIDEO: 499 }, verified: true },
  { email: 'orion@soulseer.dev', firstName: 'Orion', lastName: 'Vale', headline: 'Astrology charts and career paths', bio: 'Natal charts, transits and timing for career decisions.', specialties: ['astrology', 'career'], experience: 12, languages: ['en'], status: 'ONLINE', rates: { CHAT: 199, CALL: 249 }, verified: true },
  { email: 'sage@soulseer.dev', firstName: 'Sage', lastName: 'Okafor', headline: 'Medium connecting with loved ones', bio: 'Evidential mediumship, gentle and clear.', specialties: ['mediumship', 'grief'], experience: 15, languages: ['en', 'fr'], status: 'ONLINE', rates: { CALL: 599, VIDEO: 799 }, verified: true },
  { email: 'iris@soulseer.dev', firstName: 'Iris', lastName: 'Quinn', headline: 'Dream interpretation and intuition', bio: 'Dreams, symbols and what your intuition is telling you.', specialties: ['dreams', 'intuition'], experience: 6, languages: ['en'], status: 'AWAY', rates: { CHAT: 149 }, verified: false },
  { email: 'rowan@soulseer.dev', firstName: 'Rowan', lastName: 'Hale', headline: 'Runes, numerology and life path', bio: 'Norse runes and numerology for the big questions.', specialties: ['runes', 'numerology'], experience: 9, languages: ['en', 'de'], status: 'OFFLINE', rates: { CHAT: 179, CALL: 229, VIDEO: 299 }, verified: true },
  { email: 'nova@soulseer.dev', firstName: 'Nova', lastName: 'Reyes', headline: 'Energy healing and chakra balance', bio: 'Reiki-trained energy reader.', specialties: ['energy', 'chakras'], experience: 4, languages: ['en', 'pt'], status: 'INVISIBLE', rates: { CHAT: 129, VIDEO: 349 }, verified: false },
];

export const FORUM_CATEGORIES = [
  { slug: 'general', name: 'General', description: 'Anything on your mind.', icon: 'chat', sortOrder: 1, adminOnly: false },
  { slug: 'readings', name: 'Readings', description: 'Share and discuss your readings.', icon: 'cards', sortOrder: 2, adminOnly: false },
  { slug: 'spiritual-growth', name: 'Spiritual Growth', description: 'Practices, books and journeys.', icon: 'lotus', sortOrder: 3, adminOnly: false },
  { slug: 'ask-a-reader', name: 'Ask a Reader', description: 'Questions for our readers.', icon: 'question', sortOrder: 4, adminOnly: false },
  { slug: 'announcements', name: 'Announcements', description: 'News from the SoulSeer team.', icon: 'megaphone', sortOrder: 5, adminOnly: true },
];

const GIFTS = [
  { name: 'Rose', priceCents: 100, imageUrl: 'https://cdn.soulseer.dev/gifts/rose.png', sortOrder: 1 },
  { name: 'Crystal', priceCents: 500, imageUrl: 'https://cdn.soulseer.dev/gifts/crystal.png', sortOrder: 2 },
  { name: 'Candle', priceCents: 200, imageUrl: 'https://cdn.soulseer.dev/gifts/candle.png', sortOrder: 3 },
  { name: 'Full Moon', priceCents: 2000, imageUrl: 'https://cdn.soulseer.dev/gifts/moon.png', animationUrl: 'https://cdn.soulseer.dev/gifts/moon.json', sortOrder: 4 },
];

const PRODUCTS = [
  { sku: 'TAROT-DECK-1', name: 'Rider-Waite Tarot Deck', description: 'The classic 78-card deck.', type: 'PHYSICAL' as const, category: 'decks', priceCents: 2499, stockQuantity: 40 },
  { sku: 'GUIDE-MOON-1', name: 'Moon Phase Guide (PDF)', description: 'A downloadable guide to working with the moon.', type: 'DIGITAL' as const, category: 'guides', priceCents: 999, stockQuantity: null },
  { sku: 'SVC-CHART-1', name: 'Written Natal Chart', description: 'A written natal chart reading delivered within 5 days.', type: 'SERVICE' as const, category: 'services', priceCents: 4999, stockQuantity: null },
];

/**
 * The system_settings row recording which demo data this database holds. Not a business setting: SETTING_KEYS (what
 * admins list and change) leaves it out.
 */
export const DEMO_SEED_KEY = 'demo_seed_fingerprint';

/**
 * sha256 of this file: any edit to the demo data or to how it is written changes it, and the next start seeds again
 * (idempotently: rows that exist are kept). Read from the repository, so the start-up bundle sees the same text.
 */
export function demoSeedFingerprint(): string {
  return createHash('sha256').update(readFileSync(path.join(REPO_ROOT, 'prisma', 'seed.ts'))).digest('hex');
}

/**
 * Seeds the demo data unless this database already holds this seed's (the fingerprint row matches), so a warm
 * `npm start` costs one read and one update instead of ~40 statements. Either way a demo reader left BUSY with no
 * session under way (a process stopped mid-session) is given its demo status back. Returns what it did.
 */
export async function seedDemoData(prisma: PrismaClient, money: DemoCredit): Promise<'seeded' | 'current'> {
  const fingerprint = demoSeedFingerprint();
  const marker = await prisma.systemSetting.findUnique({ where: { key: DEMO_SEED_KEY }, select: { value: true } });
  if (marker?.value === fingerprint) {
    await freeStuckDemoReaders(prisma);
    return 'current';
  }
  // argon2 is deliberately slow: hash the demo password only when a demo user is still to be created.
  const demoEmails = [DEMO_LOGINS.admin, ...DEMO_LOGINS.clients, ...READERS.map((r) => r.email)];
  const existing = await prisma.user.count({ where: { email: { in: demoEmails } } });
  const passwordHash = existing === demoEmails.length ? '' : await hashPassword(DEMO_PASSWORD);
  const admin = await prisma.user.upsert({
    where: { email: DEMO_LOGINS.admin },
    update: {},
    create: {
      email: DEMO_LOGINS.admin, passwordHash, role: 'ADMIN', status: 'ACTIVE', emailVerifiedAt: new Date(),
      adminProfile: { create: { firstName: 'Ada', lastName: 'Admin', permissions: ['SUPER_ADMIN'] } },
    },
  });
  for (const [i, email] of DEMO_LOGINS.clients.entries()) {
    const client = await prisma.user.upsert({
      where: { email },
      update: {},
      create: {
        email, passwordHash, role: 'CLIENT', status: 'ACTIVE', emailVerifiedAt: new Date(),
        clientProfile: { create: { firstName: ['Casey', 'Jordan'][i], lastName: ['Client', 'Seeker'][i], preferences: {}, preferredSessionTypes: ['CHAT'] } },
      },
    });
    await money.adjustBalance(
      { userId: client.id, amountCents: DEMO_CREDIT_CENTS, account: 'WALLET', reason: 'Demo credit (promotional)', idempotencyKey: `demo-credit:${email}` },
      { viewer: { id: admin.id, role: 'ADMIN', adminRoles: ['SUPER_ADMIN'] }, ip: null, userAgent: null },
    );
  }
  for (const r of READERS) {
    const types = Object.keys(r.rates) as SessionType[];
    const rates = Object.values(r.rates) as number[];
    const exists = await prisma.user.findUnique({ where: { email: r.email }, select: { id: true } });
    if (exists) continue;
    await prisma.user.create({
      data: {
        email: r.email, passwordHash, role: 'READER', status: 'ACTIVE', emailVerifiedAt: new Date(),
        readerProfile: {
          create: {
            firstName: r.firstName, lastName: r.lastName, displayName: `${r.firstName} ${r.lastName}`, headline: r.headline, bio: r.bio,
            specialties: r.specialties, experience: r.experience, languages: r.languages, sessionTypes: types, status: r.status,
            isVerified: r.verified, lowestRateCents: Math.min(...rates), certifications: [],
            rates: { create: types.map((t) => ({ sessionType: t, ratePerMinuteCents: r.rates[t]! })) },
          },
        },
      },
    });
  }
  for (const c of FORUM_CATEGORIES) {
    await prisma.forumCategory.upsert({ where: { slug: c.slug }, update: {}, create: c });
  }
  for (const g of GIFTS) {
    await prisma.virtualGift.upsert({ where: { name: g.name }, update: {}, create: g });
  }
  for (const p of PRODUCTS) {
    await prisma.product.upsert({ where: { sku: p.sku }, update: {}, create: { ...p, images: [] } });
  }
  await freeStuckDemoReaders(prisma);
  // Written last: a seed interrupted half-way runs again at the next start.
  await prisma.systemSetting.upsert({
    where: { key: DEMO_SEED_KEY },
    update: { value: fingerprint },
    create: { key: DEMO_SEED_KEY, value: fingerprint, description: 'sha256 of prisma/seed.ts whose demo data this database holds (npm start skips the seed when it matches)' },
  });
  return 'seeded';
}

/**
 * One statement: every demo reader left BUSY with no session requested, accepted or in progress (a process stopped
 * mid-session, or older demo data) gets its demo status back, so setReaderStatus does not answer CONFLICT.
 */
async function freeStuckDemoReaders(prisma: PrismaClient): Promise<void> {
  const emails = READERS.map((r) => r.email);
  const statuses = READERS.map((r) => r.status);
  await prisma.$executeRaw`
    UPDATE readers AS r SET status = d.status::"ReaderStatus", updated_at = now()
    FROM users AS u, unnest(${emails}::text[], ${statuses}::text[]) AS d(email, status)
    WHERE u.id = r.user_id AND u.email = d.email AND r.status = 'BUSY'
      AND NOT EXISTS (SELECT 1 FROM sessions AS s WHERE s.reader_id = u.id AND s.status IN ('REQUESTED', 'ACCEPTED', 'IN_PROGRESS'))`;
}
