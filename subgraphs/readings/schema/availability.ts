import { builder } from '../builder.js';
import { SessionObject, SessionTypeEnum } from './session.js';
import { bookSession, confirmBooking, setAvailability } from '../services/availability.js';

builder.prismaObject('Availability', {
  description: 'A slot when a reader takes bookings: weekly (dayOfWeek) or on one date, in the reader\'s timezone.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Slot id.' }),
    dayOfWeek: t.exposeInt('dayOfWeek', { description: '0 (Sunday) to 6 (Saturday).' }),
    startTime: t.exposeString('startTime', { description: 'Local start, HH:MM.' }),
    endTime: t.exposeString('endTime', { description: 'Local end, HH:MM (exclusive).' }),
    timezone: t.exposeString('timezone', { description: 'IANA timezone of the times.' }),
    recurring: t.exposeBoolean('isRecurring', { description: 'Weekly (true) or one date (false).' }),
    date: t.expose('specificDate', { type: 'Date', nullable: true, description: 'The date of a one-off slot.' }),
  }),
});

const WeeklySlotInput = builder.inputType('WeeklySlotInput', {
  description: 'A weekly recurring slot.',
  fields: (t) => ({
    dayOfWeek: t.int({ required: true, description: '0 (Sunday) to 6 (Saturday).' }),
    startTime: t.string({ required: true, description: 'HH:MM.' }),
    endTime: t.string({ required: true, description: 'HH:MM, after startTime.' }),
  }),
});

const DateSlotInput = builder.inputType('DateSlotInput', {
  description: 'A one-off availability window on a single calendar date, in the reader\'s timezone.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: 'The date (YYYY-MM-DD), in the reader\'s timezone.' }),
    startTime: t.string({ required: true, description: 'HH:MM.' }),
    endTime: t.string({ required: true, description: 'HH:MM, after startTime.' }),
  }),
});

const SetAvailabilityInput = builder.inputType('SetAvailabilityInput', {
  description: 'The reader\'s whole availability (replaces the previous one).',
  fields: (t) => ({
    timezone: t.string({ required: true, description: 'IANA timezone, e.g. America/New_York.' }),
    weekly: t.field({ type: [WeeklySlotInput], required: true, description: 'Weekly recurring slots.' }),
    dates: t.field({ type: [DateSlotInput], required: true, description: 'One-off dates.' }),
  }),
});

builder.mutationField('setAvailability', (t) =>
  t.prismaField({
    type: ['Availability'],
    authScopes: { reader: true },
    description: 'Replaces the signed-in reader\'s availability.',
    args: { input: t.arg({ type: SetAvailabilityInput, required: true, description: 'Timezone and slots.' }) },
    resolve: (_q, _root, { input }, ctx) => setAvailability(ctx, input),
  }),
);

builder.queryField('readerAvailability', (t) =>
  t.prismaField({
    type: ['Availability'],
    description: 'A reader\'s availability slots.',
    args: { readerId: t.arg.id({ required: true, description: 'The reader (user id).' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.availability.findMany({
        ...query,
        where: { readerId: String(args.readerId) },
        orderBy: [{ specificDate: 'asc' }, { dayOfWeek: 'asc' }, { startTime: 'asc' }],
        take: 200,
      }),
  }),
);

const BookSessionInput = builder.inputType('BookSessionInput', {
  description: 'A booking inside a reader\'s availability.',
  fields: (t) => ({
    readerId: t.id({ required: true, description: 'The reader (user id).' }),
    type: t.field({ type: SessionTypeEnum, required: true, description: 'Chat, call or video.' }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'Start, inside one of the reader\'s slots.' }),
    bookingCreditId: t.id({
      description: 'A booking credit of yours (bookingCredits) to pay the first minutes with: AVAILABLE, not expired, bought for this reader and this session type. Another buyer\'s credit answers NOT_FOUND; another reader or type BAD_USER_INPUT; a used, void or expired one CONFLICT (reason BOOKING_CREDIT_NOT_AVAILABLE or BOOKING_CREDIT_EXPIRED).',
    }),
    useBookingCredit: t.boolean({
      description: 'Without bookingCreditId: true applies your available booking credit for this reader and type that expires first, if you have one (none: billed from the wallet as usual).',
    }),
  }),
});

builder.mutationField('bookSession', (t) =>
  t.field({
    type: SessionObject,
    authScopes: { client: true },
    description: 'Books a scheduled reading (status SCHEDULED) for the reader to confirm, optionally prepaid with a booking credit (held from now; given back if the booking is declined or cancelled). Repeating the same booking (same reader, type and start, still SCHEDULED) returns the first one unchanged; a start another booking holds answers CONFLICT.',
    args: { input: t.arg({ type: BookSessionInput, required: true, description: 'Reader, type and start.' }) },
    resolve: (_root, { input }, ctx) =>
      bookSession(ctx, {
        readerId: String(input.readerId),
        type: input.type,
        startsAt: input.startsAt,
        bookingCreditId: input.bookingCreditId == null ? null : String(input.bookingCreditId),
        useBookingCredit: input.useBookingCredit,
      }),
  }),
);

builder.mutationField('confirmBooking', (t) =>
  t.field({
    type: SessionObject,
    authScopes: { reader: true },
    description: 'The reader confirms a booking; both get a reminder 15 minutes before the start.',
    args: { sessionId: t.arg.id({ required: true, description: 'Id of a SCHEDULED booking a client made with the viewer (bookSession) and not confirmed yet.' }) },
    resolve: (_root, args, ctx) => confirmBooking(ctx, String(args.sessionId)),
  }),
);
