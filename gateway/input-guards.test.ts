import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findNulCharacter } from './input-guards.js';

// The NUL refusal scans a document's literals once per parsed document (Apollo reuses it for the same text); the
// variables differ per request and are scanned every time.
describe('findNulCharacter', () => {
  it('finds NUL in the variables of every request over one cached document, and in its literals every time', () => {
    const clean = parse('mutation($input: PostInput!) { createPost(input: $input, tag: "ok") { id } }');
    expect(findNulCharacter(clean, { input: { body: 'fine' } })).toBeNull();
    expect(findNulCharacter(clean, { input: { body: 'bad\u0000', tags: ['a'] } })).toBe('$input.body');
    expect(findNulCharacter(clean, { input: { tags: ['a', 'b\u0000'] } })).toBe('$input.tags[1]');
    expect(findNulCharacter(clean, null)).toBeNull();
    const dirty = parse('mutation { createPost(input: { body: "bad\\u0000" }) { id } }');
    expect(findNulCharacter(dirty, {})).toBe('a literal at line 1');
    expect(findNulCharacter(dirty, { other: 'fine' })).toBe('a literal at line 1');
  });
});
