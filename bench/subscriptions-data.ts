// The data of bench:subscriptions: SESSIONS readers and clients (one session each, rows written with Prisma in the
// scratch schema), their access tokens, and one subscriber per participant.
import { createAccessToken } from '../shared/auth/tokens.js';
import type { PrismaClient } from '../shared/db/generated/client.js';
import type { PulseSession } from '../test/fakes/pulse-subgraph.js';

export interface Subscriber {
  sessionId: string;
  token: string;
  role: 'READER' | 'CLIENT';
  expectedEmail: string | null;
  expectedName: string;
}

/** With `chat`, the sessions exist IN_PROGRESS (both connected, the first hour billed) so chat messages are accepted. */
export async function seedSessions(prisma: PrismaClient, jwtSecret: string, SESSIONS: number, chat: boolean) {
  const ids = Array.from({ length: SESSIONS }, (_, i) => i + 1);
  await prisma.user.createMany({
    data: ids.flatMap((i) => [
      { id: `r${i}`, email: `r${i}@bench.dev`, role: 'READER' as const, status: 'ACTIVE' as const, emailVerifiedAt: new Date() },
      { id: `c${i}`, email: `c${i}@bench.dev`, role: 'CLIENT' as const, status: 'ACTIVE' as const, emailVerifiedAt: new Date() },
    ]),
  });
  await prisma.reader.createMany({
    data: ids.map((i) => ({ userId: `r${i}`, firstName: `Reader${i}`, lastName: 'Bench', displayName: `Reader ${i}`, specialties: [], certifications: [], languages: ['en'], verificationDocs: [] })),
  });
  await prisma.client.createMany({ data: ids.map((i) => ({ userId: `c${i}`, firstName: `Client${i}` })) });
  if (chat) {
    const now = new Date();
    // Chat is accepted only while a session bills (both connected, not paused), and the minute a message falls in
    // is charged first: billing is not measured here, so both are connected and the first hour counts as paid.
    await prisma.session.createMany({
      data: ids.map((i) => ({
        id: `s${i}`,
        clientId: `c${i}`,
        readerId: `r${i}`,
        type: 'CHAT' as const,
        status: 'IN_PROGRESS' as const,
        rateCents: 199,
        acceptedAt: now,
        startedAt: now,
        resumedAt: now,
        clientConnected: true,
        readerConnected: true,
        billedMinutes: 60,
      })),
    });
  }

  const sessions = new Map<string, PulseSession>(ids.map((i) => [`s${i}`, { readerId: `r${i}`, clientId: `c${i}` }]));
  const tokens = new Map<string, string>();
  for (const i of ids) {
    tokens.set(`r${i}`, await createAccessToken({ id: `r${i}`, role: 'READER', emailVerified: true }, jwtSecret, 3600));
    tokens.set(`c${i}`, await createAccessToken({ id: `c${i}`, role: 'CLIENT', emailVerified: true }, jwtSecret, 3600));
  }
  const subscribers: Subscriber[] = ids.flatMap((i) => [
    { sessionId: `s${i}`, token: tokens.get(`r${i}`)!, role: 'READER' as const, expectedEmail: null, expectedName: `Reader ${i}` },
    { sessionId: `s${i}`, token: tokens.get(`c${i}`)!, role: 'CLIENT' as const, expectedEmail: `c${i}@bench.dev`, expectedName: `Reader ${i}` },
  ]);
  return { sessions, subscribers, tokens };
}
