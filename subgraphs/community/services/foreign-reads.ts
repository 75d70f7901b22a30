import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import type { SessionStatus, UserRole, UserStatus } from '../../../shared/db/generated/enums.js';

/**
 * Every read community makes of another owner's tables, each named for what community needs to know. Reading is
 * allowed (one database, no copy to keep in step); writing is not: an effect on another owner's rows goes through
 * that owner's port (shared/ports.ts, `ctx.deps.community.accounts` / `.money`).
 *
 * | function              | table (owner)        | used by                                          |
 * |-----------------------|----------------------|--------------------------------------------------|
 * | readUserStanding      | users (accounts)     | gifts (recipient), messages (recipient), forum   |
 * | userExists            | users (accounts)     | messages (block), stream webhooks (viewer)       |
 * | countExistingUsers    | users (accounts)     | streams (invitees)                               |
 * | readSessionParties    | sessions (readings)  | gifts (a gift in a session)                      |
 */

type Db = PrismaClient | Prisma.TransactionClient;

export interface UserStanding {
  id: string;
  role: UserRole;
  status: UserStatus;
}

/** A user's role and account status; null when there is no such user. */
export function readUserStanding(db: Db, userId: string): Promise<UserStanding | null> {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, status: true } });
}

/** Whether a user with this id exists (any role or status). */
export async function userExists(db: Db, userId: string): Promise<boolean> {
  return !!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }));
}

/** How many of these ids are users. */
export function countExistingUsers(db: Db, userIds: string[]): Promise<number> {
  return db.user.count({ where: { id: { in: userIds } } });
}

export interface SessionParties {
  clientId: string;
  readerId: string;
  status: SessionStatus;
}

/** Who a reading session is between and where it stands; null when there is no such session. */
export function readSessionParties(db: Db, sessionId: string): Promise<SessionParties | null> {
  return db.session.findUnique({ where: { id: sessionId }, select: { clientId: true, readerId: true, status: true } });
}
