import { builder } from '../builder.js';
import { totalCountField } from './connection.js';
import { readerStatusEnum } from '../../../shared/graphql/enums.js';
import { loader, byKey } from '../../../shared/graphql/loaders.js';
import type { Context } from '../../../shared/context.js';
import type { Prisma, Reader } from '../../../shared/db/generated/client.js';
import { badInput } from '../../../shared/errors.js';
import { updateReaderProfile } from '../services/reader-profile.js';
import { canSeeTruePresence } from '../authz.js';
import { SessionTypeEnum } from './user.js';

export const ReaderStatusEnum = readerStatusEnum(builder);

/** Readers keyed by their user id (the id every other subgraph holds). */
export function readerByUserLoader(ctx: Context) {
  return loader<string, Reader>(ctx, 'accounts:readerByUser', async (ids) =>
    byKey(ids, await ctx.prisma.reader.findMany({ where: { userId: { in: [...ids] } } }), (r) => r.userId),
  );
}

export const ReaderRateRef = builder.prismaObject('ReaderRate', {
  description: 'A reader\'s per-minute price for one session type.',
  fields: (t) => ({
    sessionType: t.expose('sessionType', { type: SessionTypeEnum, description: 'Chat, call or video.' }),
    ratePerMinuteCents: t.exposeInt('ratePerMinuteCents', { description: 'Price per minute in cents (100 to 100000).' }),
  }),
});

export const ReaderRef = builder.prismaObject('Reader', {
  description: 'A spiritual advisor\'s public profile. Its id is the reader\'s user id.',
  fields: (t) => ({
    id: t.exposeID('userId', { description: 'The reader\'s user id.' }),
    user: t.relation('user', { description: 'The reader\'s user account.' }),
    displayName: t.exposeString('displayName', { description: 'Name shown to clients.' }),
    firstName: t.exposeString('firstName', { description: 'Given name.' }),
    lastName: t.exposeString('lastName', { description: 'Family name.' }),
    headline: t.exposeString('headline', { nullable: true, description: 'Short professional tagline.' }),
    bio: t.exposeString('bio', { description: 'About the reader.' }),
    avatarUrl: t.exposeString('avatar', { nullable: true, description: 'Avatar image URL.' }),
    specialties: t.exposeStringList('specialties', { description: 'e.g. tarot, astrology, mediumship.' }),
    yearsOfExperience: t.exposeInt('experience', { description: 'Years of practice.' }),
    certifications: t.exposeStringList('certifications', { description: 'Certifications the reader holds.' }),
    languages: t.exposeStringList('languages', { description: 'Languages spoken (ISO 639-1 codes).' }),
    sessionTypes: t.expose('sessionTypes', { type: [SessionTypeEnum], description: 'Session types offered.' }),
    rates: t.relation('rates', { description: 'Per-minute rate for each offered session type.' }),
    rateFor: t.int({
      nullable: true,
      description: 'Per-minute rate in cents for one session type, or null when not offered.',
      args: { sessionType: t.arg({ type: SessionTypeEnum, required: true, description: 'The session type to price.' }) },
      select: { rates: true },
      resolve: (r, args) => r.rates.find((x) => x.sessionType === args.sessionType)?.ratePerMinuteCents ?? null,
    }),
    lowestRateCents: t.exposeInt('lowestRateCents', { nullable: true, description: 'Lowest per-minute rate offered.' }),
    status: t.field({
      type: ReaderStatusEnum,
      description: 'Presence. An INVISIBLE reader shows as OFFLINE to everyone but themselves and admins.',
      resolve: (r, _args, ctx) =>
        r.status === 'INVISIBLE' && !canSeeTruePresence(ctx.viewer, r.userId) ? 'OFFLINE' : r.status,
    }),
    isVerified: t.exposeBoolean('isVerified', { description: 'Verified by SoulSeer.' }),
    averageRating: t.exposeFloat('averageRating', { description: 'Average review rating, 0 when unrated.' }),
    reviewCount: t.exposeInt('ratingCount', { description: 'How many clients rated this reader (the count behind averageRating).' }),
    totalSessions: t.exposeInt('totalSessions', { description: 'Completed sessions.' }),
    timezone: t.exposeString('timezone', { description: 'IANA timezone the reader works in.' }),
  }),
});

builder.asEntity(ReaderRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readerByUserLoader(ctx).load(ref.id),
});

const ReaderSort = builder.enumType('ReaderSort', {
  description: 'Directory order.',
  values: {
    RATING: { description: 'Highest rated first.' },
    PRICE_LOW: { description: 'Cheapest first.' },
    PRICE_HIGH: { description: 'Most expensive first.' },
    EXPERIENCE: { description: 'Most experienced first.' },
    NEWEST: { description: 'Newest readers first.' },
  } as const,
});

const ReaderFilter = builder.inputType('ReaderFilter', {
  description: 'Directory filters; all given filters must match.',
  fields: (t) => ({
    specialty: t.string({ description: 'Has this specialty (case-insensitive, e.g. tarot).' }),
    sessionType: t.field({ type: SessionTypeEnum, description: 'Offers this session type.' }),
    language: t.string({ description: 'Speaks this language.' }),
    onlineNow: t.boolean({ description: 'Only readers who are ONLINE.' }),
    minPriceCents: t.int({ description: 'Lowest rate (or the rate for sessionType) at least this.' }),
    maxPriceCents: t.int({ description: 'Lowest rate (or the rate for sessionType) at most this.' }),
    search: t.string({ description: 'Text (at most 100 characters) in the display name, first or last name, or headline; case-insensitive.' }),
    verifiedOnly: t.boolean({ description: 'Only verified readers.' }),
  }),
});

function readerWhere(filter: typeof ReaderFilter.$inferInput | null | undefined): Prisma.ReaderWhereInput {
  const where: Prisma.ReaderWhereInput[] = [{ user: { status: 'ACTIVE', role: 'READER' } }];
  if (!filter) return { AND: where };
  if (filter.search != null && filter.search.length > 100) throw badInput('search must be at most 100 characters.', 'filter.search');
  for (const k of ['minPriceCents', 'maxPriceCents'] as const) {
    const v = filter[k];
    if (v != null && (v < 0 || v > 100_000)) throw badInput(`${k} must be between 0 and 100000.`, `filter.${k}`);
  }
  for (const k of ['specialty', 'language'] as const) {
    if (filter[k] != null && filter[k].length > 100) throw badInput(`${k} must be at most 100 characters.`, `filter.${k}`);
  }
  // Normalised as updateReaderProfile stores them.
  if (filter.specialty) where.push({ specialties: { has: filter.specialty.trim().replace(/\s+/g, ' ').toLowerCase() } });
  if (filter.language) where.push({ languages: { has: filter.language.trim().toLowerCase() } });
  if (filter.onlineNow) where.push({ status: 'ONLINE' });
  if (filter.verifiedOnly) where.push({ isVerified: true });
  if (filter.search?.trim()) {
    const q = filter.search.trim();
    where.push({
      OR: [
        { displayName: { contains: q, mode: 'insensitive' } },
        { firstName: { contains: q, mode: 'insensitive' } },
        { lastName: { contains: q, mode: 'insensitive' } },
        { headline: { contains: q, mode: 'insensitive' } },
      ],
    });
  }
  const price = { gte: filter.minPriceCents ?? undefined, lte: filter.maxPriceCents ?? undefined };
  const hasPrice = filter.minPriceCents != null || filter.maxPriceCents != null;
  if (filter.sessionType) {
    where.push({ sessionTypes: { has: filter.sessionType } });
    where.push({ rates: { some: { sessionType: filter.sessionType, ...(hasPrice ? { ratePerMinuteCents: price } : {}) } } });
  } else if (hasPrice) {
    where.push({ lowestRateCents: price });
  }
  return { AND: where };
}

const orderBy: Record<string, Prisma.ReaderOrderByWithRelationInput[]> = {
  RATING: [{ averageRating: 'desc' }, { ratingCount: 'desc' }, { id: 'asc' }],
  PRICE_LOW: [{ lowestRateCents: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  PRICE_HIGH: [{ lowestRateCents: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  EXPERIENCE: [{ experience: 'desc' }, { id: 'asc' }],
  NEWEST: [{ createdAt: 'desc' }, { id: 'asc' }],
};

builder.queryFields((t) => ({
  readers: t.prismaConnection(
    {
      type: 'Reader',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 50,
      description: 'The reader directory, 20 a page by default (50 at most).',
      args: {
        filter: t.arg({ type: ReaderFilter, description: 'Which readers to list.' }),
        sort: t.arg({ type: ReaderSort, defaultValue: 'RATING', description: 'Order of the list (default RATING).' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.reader.findMany({ ...query, where: readerWhere(args.filter), orderBy: orderBy[args.sort ?? 'RATING'] }),
      totalCount: (_parent, args, ctx) => ctx.prisma.reader.count({ where: readerWhere(args.filter) }),
    },
    { description: 'A page of readers.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of readers matching the filter (all pages).') }) },
    { description: 'One reader in a page.' },
  ),
  reader: t.prismaField({
    type: 'Reader',
    nullable: true,
    description: 'One reader by user id.',
    args: { id: t.arg.id({ required: true, description: 'The reader\'s user id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.reader.findFirst({ ...query, where: { userId: String(args.id), user: { role: 'READER', status: { in: ['ACTIVE'] } } } }),
  }),
}));

const ReaderRateInput = builder.inputType('ReaderRateInput', {
  description: 'The per-minute price of one session type.',
  fields: (t) => ({
    sessionType: t.field({ type: SessionTypeEnum, required: true, description: 'Chat, call or video.' }),
    ratePerMinuteCents: t.int({ required: true, description: 'Cents per minute, 100 ($1.00) to 100000 ($1,000.00).' }),
  }),
});

const UpdateReaderProfileInput = builder.inputType('UpdateReaderProfileInput', {
  description:
    'Changes to the signed-in reader\'s profile. Omitted fields stay as they are. Every offered session type needs a rate, ' +
    'and a rate may be given only for an offered type; rates of types no longer offered are removed.',
  fields: (t) => ({
    firstName: t.string({ description: 'Given name, 1 to 60 characters.' }),
    lastName: t.string({ description: 'Family name, 1 to 60 characters.' }),
    displayName: t.string({ description: 'Name shown to clients, 2 to 60 characters.' }),
    headline: t.string({ description: 'Short tagline, at most 120 characters; null clears it.' }),
    bio: t.string({ description: 'About you, at most 5000 characters.' }),
    avatarUrl: t.string({ description: 'http(s) URL of the avatar image, at most 2048 characters; null clears it.' }),
    specialties: t.stringList({ description: 'At most 15, each 2 to 40 characters; stored trimmed and lower-case, duplicates removed.' }),
    yearsOfExperience: t.int({ description: 'Years of practice, 0 to 80.' }),
    certifications: t.stringList({ description: 'At most 20, each 2 to 100 characters.' }),
    languages: t.stringList({ description: 'ISO 639-1 codes (en, es, fr…), at most 10.' }),
    timezone: t.string({ description: 'IANA timezone you work in, e.g. America/New_York.' }),
    sessionTypes: t.field({ type: [SessionTypeEnum], description: 'Session types you offer (replaces the current set).' }),
    rates: t.field({ type: [ReaderRateInput], description: 'Rates to set, one per session type; others keep their current rate.' }),
  }),
});

const UpdateReaderProfilePayload = builder.objectRef<{ userId: string }>('UpdateReaderProfilePayload').implement({
  description: 'The result of updateReaderProfile.',
  fields: (t) => ({
    reader: t.prismaField({
      type: 'Reader',
      description: 'The updated reader profile.',
      resolve: (query, p, _args, ctx) => ctx.prisma.reader.findUniqueOrThrow({ ...query, where: { userId: p.userId } }),
    }),
  }),
});

builder.mutationField('updateReaderProfile', (t) =>
  t.field({
    type: UpdateReaderProfilePayload,
    description: 'Updates the signed-in reader\'s own profile, session types and per-minute rates (readers only).',
    authScopes: { reader: true },
    args: { input: t.arg({ type: UpdateReaderProfileInput, required: true, description: 'The fields to change.' }) },
    resolve: (_root, { input }, ctx) => updateReaderProfile(ctx, input),
  }),
);
