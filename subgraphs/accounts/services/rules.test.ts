import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateSchema, jsonObjectSchema, languageSchema, tagSchema, timezoneSchema, uniqueList, urlSchema } from './rules.js';

describe('timezoneSchema', () => {
  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(timezoneSchema.parse(input)).toBe(canonical);
  });

  it.each(['EST', '+01:00', 'GMT+1', 'Mars/Olympus', 'Europe/', '', 'Europe/London; DROP TABLE', `Europe/${'x'.repeat(70)}`])(
    'refuses %j',
    (input) => {
      expect(timezoneSchema.safeParse(input).success).toBe(false);
    },
  );

  it('accepts every zone Intl lists, and stores a value Intl accepts again', () => {
    for (const tz of Intl.supportedValuesOf('timeZone')) {
      const stored = timezoneSchema.parse(tz);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: stored })).not.toThrow();
    }
  });
});

describe('languageSchema', () => {
  it('lower-cases known ISO 639-1 codes and refuses others', () => {
    expect(languageSchema.parse(' EN ')).toBe('en');
    expect(languageSchema.parse('es')).toBe('es');
    for (const bad of ['zz', 'eng', 'english', 'e', '12', '']) expect(languageSchema.safeParse(bad).success).toBe(false);
  });
});

describe('tagSchema and uniqueList', () => {
  it('normalises case and whitespace, then removes duplicates', () => {
    expect(uniqueList(tagSchema(40), 5).parse(['Tarot', '  tarot ', 'Love   Readings', 'love readings'])).toEqual(['tarot', 'love readings']);
  });

  it('is idempotent: normalising a normalised tag changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 40 }), (s) => {
        const once = tagSchema(40).safeParse(s);
        if (once.success) expect(tagSchema(40).parse(once.data)).toBe(once.data);
      }),
    );
  });

  it('limits the list length before removing duplicates', () => {
    expect(uniqueList(tagSchema(40), 2).safeParse(['aa', 'aa', 'aa']).success).toBe(false);
  });
});

describe('urlSchema', () => {
  it('accepts http(s) URLs only', () => {
    expect(urlSchema.parse(' https://cdn.example.com/a.png ')).toBe('https://cdn.example.com/a.png');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://x.org/a', '//x.org/a', 'not a url', `https://x.org/${'a'.repeat(2040)}`]) {
      expect(urlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('jsonObjectSchema', () => {
  const schema = jsonObjectSchema(64);
  it('takes objects up to the byte cap, counting UTF-8 bytes', () => {
    expect(schema.safeParse({ a: 1 }).success).toBe(true);
    expect(schema.safeParse({ a: 'x'.repeat(50) }).success).toBe(true);
    expect(schema.safeParse({ a: 'x'.repeat(60) }).success).toBe(false);
    expect(schema.safeParse({ a: 'é'.repeat(30) }).success).toBe(false); // 60 bytes of é + the wrapper
  });
  it('refuses arrays, scalars and null', () => {
    for (const bad of [[1], 'x', 1, true, null]) expect(schema.safeParse(bad).success).toBe(false);
  });
});

describe('birthDateSchema', () => {
  it('requires an adult born after 1900', () => {
    const now = new Date();
    const years = (n: number, days = 0) => new Date(Date.UTC(now.getUTCFullYear() - n, now.getUTCMonth(), now.getUTCDate() + days));
    expect(birthDateSchema.safeParse(years(18)).success).toBe(true);
    expect(birthDateSchema.safeParse(years(18, 1)).success).toBe(false);
    expect(birthDateSchema.safeParse(years(40)).success).toBe(true);
    expect(birthDateSchema.safeParse(new Date('1899-12-31T00:00:00Z')).success).toBe(false);
  });
});
