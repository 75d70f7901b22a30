import type { JobsConfig } from '../../shared/jobs.js';
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { hashPassword } from '../../shared/auth/passwords.js';
import { createAccessToken } from '../../shared/auth/tokens.js';
import type { Role } from '../../shared/context.js';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import type { SessionType } from '../../shared/db/generated/enums.js';
import type { MoneyPort } from '../../shared/money.js';
import type { PaymentsMoney } from '../../subgraphs/payments/services/money.js';
import { AcceptReaderInviteDocument, ConfirmTwoFactorDocument, CreateTopUpDocument, EnableTwoFactorDocument, InviteReaderDocument } from '../generated/graphql.js';
import { LoginDocument, RegisterDocument, SetAutoReloadDocument, UpdateReaderProfileDocument, type UpdateReaderProfileInput } from '../generated/graphql.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { AdminRole } from '../../shared/admin-permissions.js';
import { postGraphQL, type GraphQLResponse, type TestFederation } from './federation.js';

// THE seed API of the end-to-end tests: every user a test needs is made here, one builder per role.
//
//   const seed = createSeed(fed);
//   const client = await seed.client().withCredit(5000).create();
//   const reader = await seed.reader().online().withRates({ CHAT: 300 }).create();
//   const admin = await seed.admin().create();
//
// By default a user is put straight in the database (with the profile of its role) and gets an access token signed
// as login signs it: fast, and enough for every test that is not about signing up or logging in. `registered()`
// (clients), `invitedBy(admin)` (readers) and `loggedIn()` (admins) go through the gateway instead and return an
// Actor, with a password (PASSWORD) and a refresh token. Money goes through payments' own paths: `withCredit` and
// `credit` post an admin adjustment on payments' ledger (as the adjustBalance mutation does), `withCardTopUp` pays
// a top-up by card through the Stripe fake and its webhook, so balances and the reconciliation stay exact.
//
// Email verification: inserted users are verified; `registered()` clients by a documented shortcut (the column set
// right after register, before any request of theirs) unless `.unverified()`; accounts-security.test.ts covers the
// mail. Admins need 2FA: with a gateway, `admin().create()` logs in, enrols (enableTwoFactor/confirmTwoFactor) and
// logs in again with a TOTP code (AdminActor); without one, the 2FA columns are set in the database.

export const PASSWORD = 'correct-horse-42';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
export const uniqueEmail = (prefix = 'user') => `${prefix}-${hex(4)}@example.com`;

/** A seeded user and its access token. */
export interface TestUser {
  id: string;
  role: Role;
  email: string;
  token: string;
  displayName: string;
}

/** A user who signed up or logged in through the gateway (password PASSWORD). */
export interface Actor extends TestUser {
  refreshToken: string;
}

/** An admin enrolled in two-factor authentication through the API: its TOTP secret and recovery codes. */
export interface AdminActor extends Actor {
  totpSecret: string;
  recoveryCodes: string[];
}

/** The current TOTP code of a base32 secret (what an authenticator app shows), optionally `stepOffset` steps away. */
export const totpCode = (secret: string, stepOffset = 0): string =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepOffset * 30_000 });

export type Rates = Partial<Record<SessionType, number>>;

/** What the seed works on: a TestFederation, or a database with the secret the services sign tokens with. */
export interface SeedTarget {
  prisma: PrismaClient;
  jwtSecret: string;
  /** The gateway's /graphql URL (needed by what goes through the gateway). */
  gatewayUrl?: string;
  /** Payments' money in this process (needed by withCredit and credit). */
  money?: MoneyPort;
  /** The job queue, when one runs: a credit then waits until its walletUpdated has been announced. */
  jobs?: JobsConfig;
}

const targetOf = (t: TestFederation | SeedTarget): SeedTarget =>
  'runtime' in t ? { prisma: t.db.prisma, jwtSecret: t.runtime.config.jwtSecret, gatewayUrl: t.url, money: t.runtime.money, jobs: t.runtime.jobs } : t;

async function walletQueueDrained(prisma: PrismaClient, jobs: JobsConfig, userId: string): Promise<void> {
  const schema = jobs.schema ?? 'graphile_worker';
  const queue = `${jobs.prefix ?? ''}wallet:${userId}`;
  for (const deadline = Date.now() + 10_000; ; ) {
    const [row] = await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT count(*) AS n FROM "${schema}"._private_jobs j JOIN "${schema}"._private_job_queues q ON q.id = j.job_queue_id WHERE q.queue_name = $1`,
      queue,
    );
    if (!row || Number(row.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`the outbox job of ${queue} did not run within 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export type Seed = ReturnType<typeof createSeed>;

export function createSeed(on: TestFederation | SeedTarget) {
  const ops = seedOps(targetOf(on));
  return {
    client: () => new ClientSeed(ops, 'CLIENT'),
    reader: () => new ReaderSeed(ops, 'READER'),
    admin: () => new AdminSeed(ops, 'ADMIN'),
    /** A user of a role chosen at run time (straight in the database). */
    user: (role: Role) => new UserSeed<TestUser>(ops, role),
    credit: ops.credit,
    /** Waits until every walletUpdated already queued for this user (payments' outbox) has been announced. */
    settled: (user: { id: string }) => ops.settled(user),
    payByCard: ops.payByCard,
    deliverStripe: ops.deliverStripe,
  };
}

/** Logs in through the gateway (a new device: a new refresh token). */
export function login(fed: TestFederation, email: string, password = PASSWORD): Promise<Actor> {
  return seedOps(targetOf(fed)).login(email, password);
}

type Ops = ReturnType<typeof seedOps>;

function seedOps(target: SeedTarget) {
  const gatewayUrl = () => target.gatewayUrl ?? fail('this seed has no gateway URL');
  const money = () => (target.money as PaymentsMoney | undefined) ?? fail('payments does not run in this process: seed money by card');

  /** Runs an operation through the gateway and expects it to succeed. */
  async function run<R, V>(doc: TypedDocumentNode<R, V>, variables: V, token?: string | null): Promise<R> {
    const res: GraphQLResponse<R> = await postGraphQL<R>(gatewayUrl(), { query: print(doc), variables }, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  const ops = {
    async settled(user: { id: string }): Promise<void> {
      if (target.jobs) await walletQueueDrained(target.prisma, target.jobs, user.id);
    },

    /** Credits a wallet (or a reader's earnings) by an admin adjustment on payments' ledger. */
    async credit(user: { id: string }, cents: number, account: 'WALLET' | 'EARNINGS' = 'WALLET'): Promise<void> {
      await money().adjustBalance(
        { userId: user.id, amountCents: cents, account, reason: 'test credit', idempotencyKey: `seed:${hex(8)}` },
        { viewer: null, ip: null, userAgent: null },
      );
      // The credit's walletUpdated comes from payments' outbox job (queue wallet:<user>), after commit: wait until it
      // has run, so that a subscription opened next does not receive this credit as if it were the test's movement.
      if (account === 'WALLET' && target.jobs) await walletQueueDrained(target.prisma, target.jobs, user.id);
    },

    /** Pays a top-up by card: created by the user, paid at the Stripe fake, credited by its webhook. Returns the PaymentIntent id. */
    async payByCard(user: { id: string; token: string }, cents: number, stripe: FakeStripe): Promise<string> {
      const top = await run(CreateTopUpDocument, { input: { amountCents: cents } }, user.token);
      const pi = top.createTopUp.topUp.paymentIntentId;
      expect((await ops.deliverStripe(stripe.succeed(pi))).status).toBe(200);
      // As for credit: the top-up's walletUpdated (outbox) has been announced before the test goes on.
      if (target.jobs) await walletQueueDrained(target.prisma, target.jobs, user.id);
      return pi;
    },

    /** POSTs a webhook delivery to the gateway's /webhooks/stripe. */
    deliverStripe: (d: { body: string; signature?: string | null }): Promise<Response> =>
      fetch(gatewayUrl().replace(/\/graphql$/, '/webhooks/stripe'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(d.signature ? { 'stripe-signature': d.signature } : {}) },
        body: d.body,
      }),

    /** Logs in through the gateway (a new device: a new refresh token), with a TOTP code when given. */
    async login(email: string, password = PASSWORD, code?: string): Promise<Actor> {
      const p = (await run(LoginDocument, { input: { email, password, ...(code ? { totpCode: code } : {}) } })).login;
      return { id: p.user.id, role: p.user.role, email, token: p.accessToken, refreshToken: p.refreshToken, displayName: email };
    },

    /** A user straight in the database, with the profile of its role and an access token signed like login's. */
    async insert(spec: UserSpec): Promise<TestUser> {
      const { role } = spec;
      if (spec.profile) fail('withProfile goes with invitedBy (the reader sets it through the gateway)');
      const name = spec.firstName ?? `${role.toLowerCase()}-${hex(3)}`;
      const email = spec.email ?? `${name}-${hex(4)}@example.com`;
      const displayName = spec.displayName ?? `${name} display`;
      const profile =
        role === 'READER'
          ? { readerProfile: { create: { firstName: name, lastName: spec.lastName ?? 'Reader', displayName, specialties: [], certifications: [], languages: ['en'], verificationDocs: [], ...readerState(spec) } } }
          : role === 'CLIENT'
            ? { clientProfile: { create: { firstName: name, lastName: spec.lastName ?? 'Client' } } }
            : { adminProfile: { create: { firstName: name, permissions: [...(spec.adminRoles ?? ['SUPER_ADMIN'])] } } };
      const passwordHash = spec.password ? await hashPassword(spec.password) : undefined;
      const twoFactor = (role === 'ADMIN' && !target.gatewayUrl) || spec.twoFactor ? { twoFactorSecret: new Secret({ size: 20 }).base32, twoFactorEnabledAt: new Date() } : {};
      const user = await target.prisma.user.create({
        data: { email, role, status: 'ACTIVE', passwordHash, emailVerifiedAt: spec.unverified ? null : new Date(), ...twoFactor, ...profile },
      });
      const viewer = { id: user.id, role, emailVerified: !spec.unverified, twoFactor: !!user.twoFactorEnabledAt };
      return { id: user.id, role, token: await createAccessToken(viewer, target.jwtSecret, 900), displayName, email };
    },

    /** Signs up through the gateway's register mutation. */
    async register(spec: UserSpec): Promise<Actor> {
      const email = spec.email ?? uniqueEmail('client');
      const firstName = spec.firstName ?? 'Cleo';
      const p = (await run(RegisterDocument, { input: { email, password: PASSWORD, firstName, lastName: spec.lastName ?? 'Client' } })).register;
      // The documented shortcut (see the top of this file): verified as if the mailed link had been opened.
      if (!spec.unverified) await target.prisma.user.update({ where: { id: p.user.id }, data: { emailVerifiedAt: new Date() } });
      return { id: p.user.id, role: p.user.role, email, token: p.accessToken, refreshToken: p.refreshToken, displayName: firstName };
    },

    /** Invited by an admin and accepted through the gateway; then the profile, if any, set by the reader. */
    async invite(spec: UserSpec, admin: { token: string }): Promise<Actor> {
      const email = spec.email ?? uniqueEmail('reader');
      const input = { email, firstName: spec.firstName ?? 'Rhea', lastName: spec.lastName ?? 'Reader', displayName: spec.displayName };
      const { inviteToken } = (await run(InviteReaderDocument, { input }, admin.token)).inviteReader;
      const p = (await run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: PASSWORD } })).acceptReaderInvite;
      const reader: Actor = { id: p.user.id, role: p.user.role, email, token: p.accessToken, refreshToken: p.refreshToken, displayName: spec.displayName ?? input.firstName };
      if (spec.profile) await run(UpdateReaderProfileDocument, { input: spec.profile }, reader.token);
      if (spec.online || spec.rates) await target.prisma.reader.update({ where: { userId: reader.id }, data: readerState(spec) });
      return reader;
    },

    /** An admin in the database with PASSWORD, enrolled in 2FA and logged in with a TOTP code, all through the gateway. */
    async admin(spec: UserSpec): Promise<TestUser> {
      if (!target.gatewayUrl) return ops.insert(spec);
      const inserted = await ops.insert({ ...spec, email: spec.email ?? uniqueEmail('admin'), password: PASSWORD });
      const first = await ops.login(inserted.email);
      const { secret } = (await run(EnableTwoFactorDocument, {}, first.token)).enableTwoFactor;
      const { recoveryCodes } = (await run(ConfirmTwoFactorDocument, { code: totpCode(secret) }, first.token)).confirmTwoFactor;
      // The confirming code's time step is spent: sign in with the next one (accepted: one step of drift).
      const actor = await ops.login(inserted.email, PASSWORD, totpCode(secret, 1));
      const admin: AdminActor = { ...actor, displayName: inserted.displayName, totpSecret: secret, recoveryCodes };
      return admin;
    },

    /** What every builder does once the user exists: money in. */
    async fund(user: TestUser, spec: UserSpec): Promise<void> {
      if (spec.creditCents > 0) await ops.credit(user, spec.creditCents);
      if (spec.earningsCents > 0) await ops.credit(user, spec.earningsCents, 'EARNINGS');
      if (spec.card) {
        await ops.payByCard(user, spec.card.cents, spec.card.stripe);
        if (spec.card.autoReload) await run(SetAutoReloadDocument, { input: { enabled: true, ...spec.card.autoReload } }, user.token);
      }
    },
  };
  return ops;
}

function fail(message: string): never {
  throw new Error(message);
}

interface UserSpec {
  role: Role;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  email?: string;
  password?: string;
  creditCents: number;
  earningsCents: number;
  online?: boolean;
  /** Email not verified (paying and messaging answer EMAIL_NOT_VERIFIED). */
  unverified?: boolean;
  /** Two-factor authentication on, set in the database (a shortcut: accounts-security.test.ts enrols for real). */
  twoFactor?: boolean;
  rates?: Rates;
  profile?: UpdateReaderProfileInput;
  card?: { cents: number; stripe: FakeStripe; autoReload?: { thresholdCents: number; amountCents: number } };
  /** An admin's roles (default SUPER_ADMIN). */
  adminRoles?: readonly AdminRole[];
}

/** A reader's presence and rates, as columns of its row. */
function readerState(spec: UserSpec) {
  const rates = spec.rates ?? {};
  const types = Object.keys(rates) as SessionType[];
  return {
    status: spec.online ? ('ONLINE' as const) : ('OFFLINE' as const),
    ...(types.length
      ? {
          sessionTypes: types,
          lowestRateCents: Math.min(...Object.values(rates)),
          rates: { create: types.map((t) => ({ sessionType: t, ratePerMinuteCents: rates[t]! })) },
        }
      : {}),
  };
}

/** What all builders share: names, email, money; `create()` makes the user. */
export class UserSeed<U extends TestUser> {
  protected readonly spec: UserSpec;
  protected make: (spec: UserSpec) => Promise<TestUser>;
  constructor(
    protected readonly ops: Ops,
    role: Role,
  ) {
    this.spec = { role, creditCents: 0, earningsCents: 0 };
    this.make = (spec) => ops.insert(spec);
  }

  /** First name (straight in the database: also the start of the email and of the display name). */
  named(firstName: string, more: { lastName?: string; displayName?: string } = {}): this {
    return this.set({ firstName, ...more });
  }

  withEmail(email: string): this {
    return this.set({ email });
  }

  /** Wallet credit, through payments' ledger. */
  withCredit(cents: number): this {
    return this.set({ creditCents: this.spec.creditCents + cents });
  }

  /** Two-factor authentication on (database shortcut; changing payout details needs it). */
  withTwoFactor(): this {
    return this.set({ twoFactor: true });
  }

  /** Leaves the email unverified (the user may browse, not pay or message). */
  unverified(): this {
    return this.set({ unverified: true });
  }

  async create(): Promise<U> {
    const user = await this.make(this.spec);
    await this.ops.fund(user, this.spec);
    return user as U;
  }

  protected set(patch: Partial<UserSpec>): this {
    Object.assign(this.spec, patch);
    return this;
  }

  /** Switches to a path through the gateway (the user then comes back as an Actor). */
  protected via<B>(make: (spec: UserSpec) => Promise<Actor>): B {
    this.make = make;
    return this as unknown as B;
  }
}

export class ClientSeed<U extends TestUser = TestUser> extends UserSeed<U> {
  /** Signs up through the gateway (register). */
  registered(): ClientSeed<Actor> {
    return this.via((spec) => this.ops.register(spec));
  }

  /** A top-up of `cents` paid by card (the card is then saved), optionally with auto-reload turned on. */
  withCardTopUp(cents: number, stripe: FakeStripe, autoReload?: { thresholdCents: number; amountCents?: number }): this {
    return this.set({ card: { cents, stripe, autoReload: autoReload && { amountCents: 2500, ...autoReload } } });
  }
}

export class ReaderSeed<U extends TestUser = TestUser> extends UserSeed<U> {
  /** Invited by this admin, the invite accepted through the gateway. */
  invitedBy(admin: { token: string }): ReaderSeed<Actor> {
    return this.via((spec) => this.ops.invite(spec, admin));
  }

  /** ONLINE (default OFFLINE). */
  online(): this {
    return this.set({ online: true });
  }

  /** Offers these session types at these per-minute rates (cents). */
  withRates(rates: Rates): this {
    return this.set({ rates });
  }

  /** Earnings credited on payments' ledger (as an admin adjustment). */
  withEarnings(cents: number): this {
    return this.set({ earningsCents: this.spec.earningsCents + cents });
  }

  /** The profile the reader sets through the gateway after accepting (with invitedBy). */
  withProfile(profile: UpdateReaderProfileInput): this {
    return this.set({ profile });
  }
}

export class AdminSeed<U extends TestUser = TestUser> extends UserSeed<U> {
  constructor(ops: Ops, role: Role) {
    super(ops, role);
    // Admin actions need two-factor authentication: enrolled and logged in with TOTP through the gateway.
    this.make = (spec) => ops.admin(spec);
  }

  /** With the password PASSWORD, enrolled in 2FA and logged in with a TOTP code through the gateway. */
  loggedIn(): AdminSeed<AdminActor> {
    return this.via(async (spec) => (await this.ops.admin({ ...spec, firstName: spec.firstName ?? 'Ada' })) as AdminActor);
  }

  /** With these admin roles instead of SUPER_ADMIN (an empty list: an admin with no permission). */
  withRoles = (...adminRoles: AdminRole[]): this => this.set({ adminRoles });
}
