import { z } from '../../../shared/validation.js';

// Field rules shared by the accounts inputs. Every string is bounded so no input can grow a row without limit.

export const LIMITS = {
  name: 60,
  displayName: 60,
  headline: 120,
  clientBio: 2_000,
  readerBio: 5_000,
  url: 2_048,
  /** Serialized size of a client's preferences JSON, in bytes. */
  preferencesBytes: 4_096,
  categories: 20,
  category: 40,
  specialties: 15,
  specialty: 40,
  certifications: 20,
  certification: 100,
  languages: 10,
  yearsOfExperience: 80,
  auditReason: 500,
} as const;

export const MIN_RATE_CENTS = 100;
export const MAX_RATE_CENTS = 100_000;

export const nameSchema = z.string().trim().min(1, 'must not be empty').max(LIMITS.name, `must be at most ${LIMITS.name} characters`);

export const urlSchema = z
  .string()
  .trim()
  .max(LIMITS.url, `must be at most ${LIMITS.url} characters`)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      return false; // not a URL at all: refused like any other non-http(s) value
    }
  }, 'must be an http(s) URL');

/** An IANA timezone name Intl knows (Europe/London, America/New_York, UTC), stored in its canonical spelling. */
export const timezoneSchema = z
  .string()
  .trim()
  .max(64, 'must be at most 64 characters')
  .transform((tz, ctx) => {
    // Intl also accepts offsets and legacy abbreviations (EST); only Area/Location names and UTC are taken.
    if (!/^(UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/.test(tz)) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA timezone such as Europe/London' });
      return z.NEVER;
    }
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      // Intl throws a RangeError for a zone it does not know: the input's problem, reported as a field issue.
      ctx.addIssue({ code: 'custom', message: 'must be an IANA timezone such as Europe/London' });
      return z.NEVER;
    }
  });

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** ISO 639-1 language code (two letters), lower-cased. */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => /^[a-z]{2}$/.test(c) && languageNames.of(c) !== undefined, 'must be an ISO 639-1 language code such as en');

/** A free-text tag: trimmed, inner whitespace collapsed, lower-cased. */
export const tagSchema = (max: number) =>
  z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
    .pipe(z.string().min(2, 'must be at least 2 characters').max(max, `must be at most ${max} characters`));

/** A list without duplicates (after normalisation), at most `max` long. */
export const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .transform((xs) => [...new Set(xs as unknown[])] as z.output<T>[]);

/** A JSON object (not an array or scalar) whose serialized size is at most `maxBytes`. */
export const jsonObjectSchema = (maxBytes: number) =>
  z.unknown().superRefine((v, ctx) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return;
    }
    if (Buffer.byteLength(JSON.stringify(v), 'utf8') > maxBytes) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${maxBytes} bytes as JSON` });
    }
  });

/** Date of birth: a real date in the past; clients must be adults (18+). */
export const birthDateSchema = z.date().refine((d) => {
  const now = new Date();
  const adult = new Date(Date.UTC(now.getUTCFullYear() - 18, now.getUTCMonth(), now.getUTCDate()));
  return d.getTime() <= adult.getTime() && d.getUTCFullYear() >= 1900;
}, 'must be a date after 1900 at least 18 years ago');
