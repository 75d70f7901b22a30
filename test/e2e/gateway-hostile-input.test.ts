import { getIntrospectionQuery, Kind, parse, print, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionsDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect } from './subscriptions-fixtures.js';
import { createSeed, PASSWORD, uniqueEmail, type Actor, type Seed } from '../helpers/seed.js';

// Hostile input answered through the gateway the way an attacker would send it: a clean, coded refusal, nothing
// changed, never INTERNAL.

let fed: TestFederation;
let seed: Seed;
let client: Actor;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  client = await seed.client().named('Nell').registered().create();
});
afterAll(async () => {
  await fed?.stop();
});

interface Raw {
  status: number;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(body: unknown, token?: string): Promise<Raw> {
  const res = await fetch(fed.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(await res.text()) };
}
const first = (r: Raw) => r.json.errors?.[0];

async function clientRow() {
  return fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id }, select: { firstName: true, bio: true, preferredCategories: true } });
}

describe('a NUL character in any text argument', () => {
  const expectNulRefusal = (r: Raw, label: string) => {
    expect(r.status, label).toBe(400);
    expect(first(r)?.extensions, label).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER' });
    expect(first(r)?.extensions?.http, label).toBeUndefined();
    expect(r.json.data ?? null, label).toBeNull();
  };

  it('is refused with BAD_USER_INPUT as an inline literal, in a query, an ID argument and a nested input', async () => {
    expectNulRefusal(await post({ query: '{ readers(filter: { search: "a\\u0000b" }) { edges { cursor } } }' }), 'search literal');
    expectNulRefusal(await post({ query: '{ user(id: "abc\\u0000") { id } }' }), 'ID literal');
    expectNulRefusal(await post({ query: '{ user(id: "abc\\u{0}") { id } }' }), 'ID literal, braced escape');
    const before = await clientRow();
    expectNulRefusal(
      await post({ query: 'mutation { updateClientProfile(input: { bio: "calm\\u0000", preferredCategories: ["tarot"] }) { user { id } } }' }, client.token),
      'input object literal',
    );
    expectNulRefusal(
      await post({ query: 'mutation { updateClientProfile(input: { preferredCategories: ["tarot", "x\\u0000y"] }) { user { id } } }' }, client.token),
      'list item literal',
    );
    expect(await clientRow()).toEqual(before);
  });

  it('is refused with BAD_USER_INPUT in variables, nested in input objects and lists, and changes nothing', async () => {
    expectNulRefusal(await post({ query: 'query($s: String) { readers(filter: { search: $s }) { edges { cursor } } }', variables: { s: 'a\u0000b' } }), 'search variable');
    expectNulRefusal(await post({ query: 'query($id: ID!) { user(id: $id) { id } }', variables: { id: '\u0000' } }), 'ID variable');

    const users = await fed.db.prisma.user.count();
    const email = uniqueEmail('nul');
    const reg = await post({
      query: 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      variables: { input: { email, password: PASSWORD, firstName: 'Ann\u0000' } },
    });
    expectNulRefusal(reg, 'register input');
    expect(first(reg)?.message).toMatch(/\$input\.firstName/);
    expect(await fed.db.prisma.user.count()).toBe(users);

    const before = await clientRow();
    const update = await post(
      {
        query: 'mutation($input: UpdateClientProfileInput!) { updateClientProfile(input: $input) { user { id } } }',
        variables: { input: { firstName: 'Nora', preferredCategories: ['tarot', 'ast\u0000rology'] } },
      },
      client.token,
    );
    expectNulRefusal(update, 'list item variable');
    expect(first(update)?.message).toMatch(/\$input\.preferredCategories\[1\]/);
    expect(await clientRow()).toEqual(before);
    // The same operation without the NUL goes through: only the NUL was refused.
    const fine = await post(
      {
        query: 'mutation($input: UpdateClientProfileInput!) { updateClientProfile(input: $input) { user { id } } }',
        variables: { input: { firstName: 'Nora', preferredCategories: ['tarot', 'astrology'] } },
      },
      client.token,
    );
    expect(fine.json.errors).toBeUndefined();
    expect((await clientRow()).firstName).toBe('Nora');
  });

  it('is refused over graphql-ws too', async () => {
    const ws = connect(fed.gateway.wsUrl, client.token);
    try {
      const errors = await new Promise<unknown>((resolve) => {
        ws.client.subscribe(
          { query: 'query($id: ID!) { user(id: $id) { id } }', variables: { id: 'x\u0000' } },
          { next: (e) => resolve(e.errors), error: (e) => resolve(e), complete: () => resolve('completed') },
        );
      });
      expect(Array.isArray(errors)).toBe(true);
      expect((errors as Array<{ extensions?: Record<string, unknown> }>)[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER' });
    } finally {
      await ws.dispose();
    }
  });
});

describe('custom scalar literals', () => {
  it('refuses an invalid DateTime or Date written inline with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const dateTime = await post({ query: '{ transactions(from: "not-a-date") { edges { cursor } } }' }, client.token);
    expect(dateTime.status).toBe(400);
    expect(first(dateTime)?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(first(dateTime)?.message).toMatch(/DateTime must be an ISO-8601 date-time string/);

    const before = await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id }, select: { dateOfBirth: true } });
    for (const literal of ['"1990-02-30"', '"yesterday"', '19900101']) {
      const date = await post({ query: `mutation { updateClientProfile(input: { birthDate: ${literal} }) { user { id } } }` }, client.token);
      expect(date.status, literal).toBe(400);
      expect(first(date)?.extensions?.code, literal).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(first(date)?.message, literal).toMatch(/Date must be a calendar date as YYYY-MM-DD/);
    }
    expect(await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id }, select: { dateOfBirth: true } })).toEqual(before);
  });

  it('still takes valid literals, and refuses invalid variables with 400 BAD_USER_INPUT', async () => {
    const ok = await post({ query: '{ transactions(from: "2020-01-01T00:00:00.000Z", to: "2999-01-01T00:00:00Z") { edges { cursor } } }' }, client.token);
    expect(ok.json.errors).toBeUndefined();
    const birth = await post({ query: 'mutation { updateClientProfile(input: { birthDate: "1990-02-28" }) { user { id } } }' }, client.token);
    expect(birth.json.errors).toBeUndefined();
    const dob = await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: client.id }, select: { dateOfBirth: true } });
    expect(dob.dateOfBirth?.toISOString()).toBe('1990-02-28T00:00:00.000Z');

    const variable = await fed.run(TransactionsDocument, { from: 'not-a-date' } as never, client.token);
    expect(variable.status).toBe(400);
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
  });
});

describe('operationName', () => {
  it('answers 400 with a code when it names no operation of the document', async () => {
    const r = await post({ query: 'query A { me { id } }', operationName: 'B' }, client.token);
    expect(r.status).toBe(400);
    expect(first(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OPERATION_NOT_FOUND' });
    expect(first(r)?.message).toMatch(/no operation named "B"/);

    const two = await post({ query: 'query A { me { id } } query B { me { id } }' }, client.token);
    expect(two.status).toBe(400);
    expect(first(two)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OPERATION_NOT_FOUND' });

    const named = await post({ query: 'query A { me { id } } query B { me { id } }', operationName: 'B' }, client.token);
    expect(named.status).toBe(200);
    expect(named.json.data).toEqual({ me: { id: client.id } });
  });
});

describe('introspection limits', () => {
  /** `{ __schema { types { fields { type { fields { type … } } } } } }` with `levels` fields in the chain. */
  const fanOut = (levels: number) => {
    const names = Array.from({ length: levels }, (_, i) => (i === 0 ? '__schema' : i === 1 ? 'types' : i % 2 ? 'type' : 'fields'));
    return `{ ${names.map((n) => `${n} {`).join(' ')} name ${'}'.repeat(levels)} }`;
  };
  /** `{ __schema { queryType { ofType { ofType … } } } }`, `levels` deep: no fan-out, only depth. */
  const ofTypeChain = (levels: number) => `{ __schema { queryType { ${'ofType { '.repeat(levels - 3)}name ${'}'.repeat(levels - 3)} } } }`;

  it('refuses a 60-deep introspection query', async () => {
    const chain = await post({ query: ofTypeChain(60) });
    expect(chain.status).toBe(400);
    expect(first(chain)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DEPTH_LIMIT' });
    expect(first(chain)?.message).toBe('Introspection depth limit of 15 exceeded, found 60.');
    expect(chain.json.data ?? null).toBeNull();
    // __type was never exempt from the data limits; it is refused by the introspection limit as well.
    const type = await post({ query: `{ __type(name: "Query") { ${'ofType { '.repeat(57)}name ${'}'.repeat(57)} } }` });
    expect(type.status).toBe(400);
    expect(type.json.errors?.map((e) => e.message)).toContain('Introspection depth limit of 15 exceeded, found 59.');
    // One level within the limit is answered.
    const within = await post({ query: ofTypeChain(15) });
    expect(within.status).toBe(200);
    expect(within.json.errors).toBeUndefined();
  });

  it('refuses introspection that fans out (fields of types of fields …) or repeats the whole schema', async () => {
    const fan = await post({ query: fanOut(7) });
    expect(fan.status).toBe(400);
    expect(first(fan)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DEPTH_LIMIT' });

    // Three aliased copies of the whole standard introspection: each alone is fine, together over the cost.
    const standard = parse(getIntrospectionQuery());
    const operation = standard.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const schemaField = operation.selectionSet.selections[0] as FieldNode;
    const copied = {
      ...standard,
      definitions: standard.definitions.map((d) =>
        d === operation
          ? { ...operation, selectionSet: { ...operation.selectionSet, selections: ['a', 'b', 'c'].map((alias) => ({ ...schemaField, alias: { kind: Kind.NAME, value: alias } })) } }
          : d,
      ),
    } as DocumentNode;
    const copies = await post({ query: print(copied) });
    expect(copies.status).toBe(400);
    expect(first(copies)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'COST_LIMIT' });
    expect(first(copies)?.message).toMatch(/^Introspection cost limit of \d+ fields exceeded/);
  });

  it("answers graphql's standard introspection query (GraphiQL, codegen, graphql-inspector) with the limits on", async () => {
    for (const options of [{}, { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }]) {
      const r = await post({ query: getIntrospectionQuery(options), operationName: 'IntrospectionQuery' });
      expect(r.status).toBe(200);
      expect(r.json.errors).toBeUndefined();
      const schema = r.json.data!.__schema as { queryType: { name: string }; types: Array<{ name: string }> };
      expect(schema.queryType.name).toBe('Query');
      expect(schema.types.map((t) => t.name)).toContain('DateTime');
    }
    // A shallow introspection next to data stays fine.
    const mixed = await post({ query: '{ __typename __type(name: "Reader") { name fields { name } } }' });
    expect(mixed.json.errors).toBeUndefined();
  });
});

