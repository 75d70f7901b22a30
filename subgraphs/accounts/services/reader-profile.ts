import type { Context } from '../../../shared/context.js';
import { badInput, forbidden } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { accountNotActive } from './auth.js';
import { requireReaderSelf } from '../authz.js';
import { publishReaderProfileChanged } from './presence.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { SessionType } from '../../../shared/db/generated/enums.js';
import {
  LIMITS,
  MAX_RATE_CENTS,
  MIN_RATE_CENTS,
  languageSchema,
  nameSchema,
  tagSchema,
  timezoneSchema,
  uniqueList,
  urlSchema,
} from './rules.js';

const sessionTypeSchema = z.enum(Object.values(SessionType) as [SessionType, ...SessionType[]]);
const SESSION_TYPE_COUNT = Object.keys(SessionType).length;

const rateSchema = z.object({
  sessionType: sessionTypeSchema,
  ratePerMinuteCents: z
    .number()
    .int('must be a whole number of cents')
    .min(MIN_RATE_CENTS, `must be at least ${MIN_RATE_CENTS} cents ($1.00)`)
    .max(MAX_RATE_CENTS, `must be at most ${MAX_RATE_CENTS} cents ($1,000.00)`),
});

// Omitted fields stay as they are; null clears the optional ones (headline, avatar).
const updateReaderProfileInput = z
  .object({
    firstName: nameSchema.optional(),
    lastName: nameSchema.optional(),
    displayName: z.string().trim().min(2, 'must be at least 2 characters').max(LIMITS.displayName, `must be at most ${LIMITS.displayName} characters`).optional(),
    headline: z.string().trim().max(LIMITS.headline, `must be at most ${LIMITS.headline} characters`).nullish(),
    bio: z.string().trim().max(LIMITS.readerBio, `must be at most ${LIMITS.readerBio} characters`).optional(),
    avatarUrl: urlSchema.nullish(),
    specialties: uniqueList(tagSchema(LIMITS.specialty), LIMITS.specialties).optional(),
    yearsOfExperience: z.number().int().min(0, 'must be at least 0').max(LIMITS.yearsOfExperience, `must be at most ${LIMITS.yearsOfExperience}`).optional(),
    certifications: uniqueList(
      z.string().trim().min(2, 'must be at least 2 characters').max(LIMITS.certification, `must be at most ${LIMITS.certification} characters`),
      LIMITS.certifications,
    ).optional(),
    languages: uniqueList(languageSchema, LIMITS.languages).optional(),
    timezone: timezoneSchema.optional(),
    sessionTypes: uniqueList(sessionTypeSchema, SESSION_TYPE_COUNT).optional(),
    rates: z.array(rateSchema).max(SESSION_TYPE_COUNT, `must have at most ${SESSION_TYPE_COUNT} entries`).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.rates?.forEach((r, i) => {
      if (seen.has(r.sessionType)) ctx.addIssue({ code: 'custom', path: ['rates', i, 'sessionType'], message: `${r.sessionType} is listed twice` });
      seen.add(r.sessionType);
    });
  });

/**
 * The signed-in reader edits their own profile. The offered session types and their rates are kept exactly in
 * step: every offered type has a rate (100..100000 cents a minute), a rate exists only for an offered type, and
 * readers.lowest_rate_cents (used by the directory's price filter and sort) is rewritten in the same transaction.
 */
export async function updateReaderProfile(ctx: Context, input: unknown): Promise<{ userId: string }> {
  const userId = requireReaderSelf(ctx).id;
  const data = parseInput(updateReaderProfileInput, input);

  await ctx.prisma.$transaction(async (tx) => {
    // Serialise concurrent edits of one reader so offered types, rates and lowest_rate_cents cannot drift apart.
    const locked = await tx.$queryRaw<Array<{ id: string; status: string }>>`
      SELECT r.id, u.status::text AS status FROM readers r JOIN users u ON u.id = r.user_id WHERE r.user_id = ${userId} FOR UPDATE OF r`;
    const readerId = locked[0]?.id;
    if (!readerId) throw forbidden('Only readers have a reader profile.');
    // An access token outlives a suspension by up to its lifetime; edits stop at once.
    if (locked[0]!.status !== 'ACTIVE') throw accountNotActive(locked[0]!.status);

    const changes: Prisma.ReaderUpdateInput = {};
    if (data.firstName !== undefined) changes.firstName = data.firstName;
    if (data.lastName !== undefined) changes.lastName = data.lastName;
    if (data.displayName !== undefined) changes.displayName = data.displayName;
    if (data.headline !== undefined) changes.headline = data.headline || null;
    if (data.bio !== undefined) changes.bio = data.bio;
    if (data.avatarUrl !== undefined) changes.avatar = data.avatarUrl || null;
    if (data.specialties !== undefined) changes.specialties = data.specialties;
    if (data.yearsOfExperience !== undefined) changes.experience = data.yearsOfExperience;
    if (data.certifications !== undefined) changes.certifications = data.certifications;
    if (data.languages !== undefined) changes.languages = data.languages;
    if (data.timezone !== undefined) changes.timezone = data.timezone;

    if (data.sessionTypes !== undefined || data.rates !== undefined) {
      const current = await tx.reader.findUniqueOrThrow({ where: { id: readerId }, select: { sessionTypes: true, rates: true } });
      const offered = data.sessionTypes ?? current.sessionTypes;
      const rates = new Map(current.rates.map((r) => [r.sessionType, r.ratePerMinuteCents]));
      data.rates?.forEach((r, i) => {
        if (!offered.includes(r.sessionType)) {
          throw badInput(`rates.${i}.sessionType: ${r.sessionType} is not among the offered sessionTypes`, {
            field: `rates.${i}.sessionType`,
          });
        }
        rates.set(r.sessionType, r.ratePerMinuteCents);
      });
      const missing = offered.filter((t) => !rates.has(t));
      if (missing.length) {
        throw badInput(`rates: every offered session type needs a rate (missing ${missing.join(', ')})`, {
          field: 'rates',
          missing,
        });
      }
      await tx.readerRate.deleteMany({ where: { readerId, sessionType: { notIn: offered } } });
      for (const type of offered) {
        const cents = rates.get(type)!;
        await tx.readerRate.upsert({
          where: { readerId_sessionType: { readerId, sessionType: type } },
          create: { readerId, sessionType: type, ratePerMinuteCents: cents },
          update: { ratePerMinuteCents: cents },
        });
      }
      changes.sessionTypes = offered;
      changes.lowestRateCents = offered.length ? Math.min(...offered.map((t) => rates.get(t)!)) : null;
    }
    if (Object.keys(changes).length) await tx.reader.update({ where: { id: readerId }, data: changes });
  });
  await publishReaderProfileChanged(ctx.pubsub, userId);
  return { userId };
}
