import { builder } from '../builder.js';
import { readerStatusEnum } from '../../../shared/graphql/enums.js';
import { loader, byKey } from '../../../shared/graphql/loaders.js';
import type { Context } from '../../../shared/context.js';
import type { Prisma, Reader } from '../../../shared/db/generated/client.js';
import { badInput } from '../../../shared/errors.js';
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
      args: { sessionType: t.arg({ type: SessionTypeEnum, required: true }) },
      select: { rates: true },
      resolve: (r, args) => r.rates.find((x) => x.sessionType === args.sessionType)?.ratePerMinuteCents ?? null,
    }),
    lowestRateCents: t.exposeInt('lowestRateCents', { nullable: true, description: 'Lowest per-minute rate offered.' }),
    status: t.field({
      type: ReaderStatusEnum,
      description: 'Presence. An INVISIBLE reader shows as OFFLINE to everyone but themselves and admins.',
      resolve: (r, _args, ctx) =>
        r.status === 'INVISIBLE' && ctx.viewer?.id !== r.userId && ctx.viewer?.role !== 'ADMIN' ? 'OFFLINE' : r.status,
    }),
    isVerified: t.exposeBoolean('isVerified', { description: 'Verified by SoulSeer.' }),
    averageRating: t.exposeFloat('averageRating', { description: 'Average review rating, 0 when unrated.' }),
    reviewCount: t.exposeInt('ratingCount', { description: 'Number of reviews.' }),
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
    specialty: t.string({ description: 'Has this specialty.' }),
    sessionType: t.field({ type: SessionTypeEnum, description: 'Offers this session type.' }),
    language: t.string({ description: 'Speaks this language.' }),
    onlineNow: t.boolean({ description: 'Only readers who are ONLINE.' }),
    minPriceCents: t.int({ description: 'Lowest rate (or the rate for sessionType) at least this.' }),
    maxPriceCents: t.int({ description: 'Lowest rate (or the rate for sessionType) at most this.' }),
    search: t.string({ description: 'Text in the display name or headline.' }),
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
  if (filter.specialty) where.push({ specialties: { has: filter.specialty.toLowerCase() } });
  if (filter.language) where.push({ languages: { has: filter.language.toLowerCase() } });
  if (filter.onlineNow) where.push({ status: 'ONLINE' });
  if (filter.verifiedOnly) where.push({ isVerified: true });
  if (filter.search?.trim()) {
    const q = filter.search.trim();
    where.push({ OR: [{ displayName: { contains: q, mode: 'insensitive' } }, { headline: { contains: q, mode: 'insensitive' } }] });
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
        filter: t.arg({ type: ReaderFilter }),
        sort: t.arg({ type: ReaderSort, defaultValue: 'RATING' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.reader.findMany({ ...query, where: readerWhere(args.filter), orderBy: orderBy[args.sort ?? 'RATING'] }),
    },
    { description: 'A page of readers.' },
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
