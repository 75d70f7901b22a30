import { describe, expect, it } from 'vitest';
import { captureLogs, logger, maskSecrets } from './logger.js';
import { withRequestScope } from './request-scope.js';

const capture = (write: () => void) => {
  const lines: string[] = [];
  const stop = captureLogs((l) => lines.push(l), 'debug');
  try {
    write();
  } finally {
    stop();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe('the process logger', () => {
  it('redacts the sensitive keys at the top level and nested, and keeps the ids', () => {
    const [line] = capture(() =>
      logger('test').info(
        {
          userId: 'u1',
          email: 'ann@example.com',
          input: { password: 'hunter2', email: 'ann@example.com', amountCents: 5 },
          req: { headers: { authorization: 'Bearer abc', 'x-soulseer-viewer': 'signed' } },
          message: { content: 'dear diary' },
          token: 't',
          refreshToken: 'r',
        },
        'something happened',
      ),
    );
    const text = JSON.stringify(line);
    for (const secret of ['ann@example.com', 'hunter2', 'Bearer abc', 'signed', 'dear diary', '"t"', '"r"']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({ userId: 'u1', input: { amountCents: 5 }, msg: 'something happened' });
  });

  it('masks emails, bearer credentials and JWTs in error messages and stacks', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const [line] = capture(() => logger('test').error({ err: new Error(`no user bob@example.org with Bearer ${jwt}`) }, 'failed'));
    const text = JSON.stringify(line);
    expect(text).not.toContain('bob@example.org');
    expect(text).not.toContain(jwt);
    expect((line!.err as { message: string }).message).toBe('no user [email] with Bearer [redacted]');
    expect(maskSecrets(`token ${jwt}`)).toBe('token [jwt]');
  });

  it('stamps the request id of the scope on every line, and none outside it', () => {
    const lines = capture(() => {
      withRequestScope('req-42', () => logger('test').debug('inside'));
      logger('test').debug('outside');
    });
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['inside', 'req-42'],
      ['outside', undefined],
    ]);
  });
});
