import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { expect } from 'vitest';
import { hashPassword } from '../../shared/auth/passwords.js';
import {
  AcceptReaderInviteDocument,
  InviteReaderDocument,
  LoginDocument,
  RegisterDocument,
  UpdateReaderProfileDocument,
  type UpdateReaderProfileInput,
} from '../generated/graphql.js';
import type { GraphQLResponse, TestFederation } from '../helpers/federation.js';

// Seed API for the accounts end-to-end tests: every test makes its own users through the public API, except
// the first admin, which (as in production) only exists by being put in the database.

export const PASSWORD = 'correct-horse-42';

export interface Actor {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(4).toString('hex')}@example.com`;

export async function createAdmin(fed: TestFederation, email = uniqueEmail('admin')): Promise<Actor> {
  await fed.db.prisma.user.create({
    data: { email, passwordHash: await hashPassword(PASSWORD), role: 'ADMIN', status: 'ACTIVE', adminProfile: { create: { firstName: 'Ada' } } },
  });
  return login(fed, email);
}

export async function login(fed: TestFederation, email: string, password = PASSWORD): Promise<Actor> {
  const res = await fed.run(LoginDocument, { input: { email, password } });
  expect(res.errors).toBeUndefined();
  const p = res.data!.login;
  return { id: p.user.id, email, token: p.accessToken, refreshToken: p.refreshToken };
}

export async function registerClient(fed: TestFederation, opts: { email?: string; firstName?: string } = {}): Promise<Actor> {
  const email = opts.email ?? uniqueEmail('client');
  const res = await fed.run(RegisterDocument, { input: { email, password: PASSWORD, firstName: opts.firstName ?? 'Cleo', lastName: 'Client' } });
  expect(res.errors).toBeUndefined();
  const p = res.data!.register;
  return { id: p.user.id, email, token: p.accessToken, refreshToken: p.refreshToken };
}

/** Invites a reader as the admin, accepts the invite, and optionally fills in the profile. */
export async function createReader(
  fed: TestFederation,
  admin: Actor,
  opts: { firstName?: string; lastName?: string; displayName?: string; profile?: UpdateReaderProfileInput } = {},
): Promise<Actor> {
  const email = uniqueEmail('reader');
  const invited = await fed.run(
    InviteReaderDocument,
    { input: { email, firstName: opts.firstName ?? 'Rhea', lastName: opts.lastName ?? 'Reader', displayName: opts.displayName } },
    admin.token,
  );
  expect(invited.errors).toBeUndefined();
  const accepted = await fed.run(AcceptReaderInviteDocument, { input: { token: invited.data!.inviteReader.inviteToken, password: PASSWORD } });
  expect(accepted.errors).toBeUndefined();
  const p = accepted.data!.acceptReaderInvite;
  const reader = { id: p.user.id, email, token: p.accessToken, refreshToken: p.refreshToken };
  if (opts.profile) {
    const updated = await fed.run(UpdateReaderProfileDocument, { input: opts.profile }, reader.token);
    expect(updated.errors).toBeUndefined();
  }
  return reader;
}

/** Runs an operation through the gateway from another loopback address (127.0.0.0/8), i.e. as another client IP. */
export function runFrom<R, V>(fed: TestFederation, ip: string, doc: TypedDocumentNode<R, V>, variables: V): Promise<GraphQLResponse<R>> {
  const body = JSON.stringify({ query: print(doc), variables });
  const url = new URL(fed.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: ip, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const json = JSON.parse(text) as { data?: R | null; errors?: GraphQLFormattedError[] };
          resolve({ status: res.statusCode ?? 0, data: json.data, errors: json.errors });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
