import { describe, expect, it, vi } from 'vitest';
import { logger } from '../shared/logger.js';
import { memoryApqStore } from './apq-store.js';
import { createTrustedDocuments, isIntrospectionOnly, sha256 } from './trusted-documents.js';

describe('report mode', () => {
  it('logs an unknown document once per hash with its hash and operation name, never its variables', async () => {
    const info = vi.spyOn(logger('gateway'), 'info').mockImplementation(() => undefined);
    try {
      const docs = createTrustedDocuments({ mode: 'report', manifest: {} }, memoryApqStore());
      const query = 'mutation Secretive($password: String!) { login(input: { email: "a@example.com", password: $password }) { accessToken } }';
      const request = { query, operationName: 'Secretive', variables: { password: 'hunter2-secret' } };
      expect(await docs.resolve(request)).toEqual({ query });
      expect(await docs.resolve(request)).toEqual({ query });
      expect(docs.stats().unknown).toBe(2);
      expect(info).toHaveBeenCalledTimes(1);
      expect(info.mock.calls[0]![0]).toEqual({ documentHash: sha256(query), operationName: 'Secretive' });
      expect(JSON.stringify(info.mock.calls)).not.toContain('hunter2');
    } finally {
      info.mockRestore();
    }
  });

  it('counts nothing in off mode', async () => {
    const docs = createTrustedDocuments({ mode: 'off', manifest: {} }, memoryApqStore());
    await docs.resolve({ query: '{ __typename }' });
    expect(docs.stats().unknown).toBe(0);
  });
});

describe('document hashes remembered per text', () => {
  it('never lets a remembered hash vouch for another text: trust and hash checks stay exact across many texts', async () => {
    const trusted = 'query Trusted { me { id } }';
    const docs = createTrustedDocuments({ mode: 'enforce', manifest: { [sha256(trusted)]: trusted } }, memoryApqStore());
    const others = Array.from({ length: 1_200 }, (_, i) => `query Other${i} { me { id } }`);
    for (const round of [1, 2]) {
      expect(await docs.resolve({ query: trusted })).toEqual({ query: trusted });
      // More texts than the memory holds, each refused every time.
      for (const text of others) expect(await docs.resolve({ query: text })).toMatchObject({ status: 400 });
      // A text sent with the id of another (the trusted one) is a mismatch, whether either hash is remembered or not.
      expect(await docs.resolve({ query: others[round]!, documentId: `sha256:${sha256(trusted)}` })).toMatchObject({ status: 400, error: { extensions: { reason: 'PERSISTED_QUERY_HASH_MISMATCH' } } });
      const long = `query Long { me { id } } # ${'x'.repeat(20_000)}`;
      expect(await docs.resolve({ query: long, documentId: sha256(long) })).toMatchObject({ status: 400, error: { extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } } });
    }
    expect(docs.stats()).toMatchObject({ trusted: 2, refused: 2 * 1_201 });
  });
});

describe('trusted documents helpers', () => {
  it('tells introspection-only operations from others', () => {
    expect(isIntrospectionOnly('{ __schema { types { name } } }', undefined)).toBe(true);
    expect(isIntrospectionOnly('query A { __type(name: "User") { name } __typename } query B { me { id } }', 'A')).toBe(true);
    expect(isIntrospectionOnly('query A { __type(name: "User") { name } } query B { me { id } }', 'B')).toBe(false);
    expect(isIntrospectionOnly('{ ...F } fragment F on Query { me { id } }', undefined)).toBe(false);
    expect(isIntrospectionOnly('mutation { __typename }', undefined)).toBe(false);
    expect(isIntrospectionOnly('not graphql', undefined)).toBe(false);
  });

  it('keeps the memory APQ store within its bounds, evicting the least recently used', async () => {
    const store = memoryApqStore({ maxEntries: 2, maxBytes: 1_000 });
    await store.set('a', 'query A { a }');
    await store.set('b', 'query B { b }');
    expect(await store.get('a')).toBe('query A { a }');
    await store.set('c', 'query C { c }');
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['query A { a }', null, 'query C { c }']);
    await store.set('big', 'x'.repeat(999));
    expect(store.size()).toBe(1);
  });
});
