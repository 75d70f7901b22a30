import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { startTestSmtp, linkIn, type TestSmtp } from '../../test/helpers/smtp.js';
import { appLink, createMailer, defineMail, html, link, loadMailConfig } from './index.js';

const greeting = defineMail((v: { name: string; url: string }) => ({
  subject: `Hello ${v.name}\r\nBcc: victim@example.com`,
  text: `Hi ${v.name},\n\nOpen ${v.url}`,
  html: html`<p>Hi ${v.name},</p><p>${link(v.url, 'Open')}</p>`,
}));

describe('mail templates', () => {
  it('escapes every interpolated value in the HTML part and keeps the text part plain', () => {
    const mail = greeting({ name: '<script>alert("x")</script> & co', url: 'https://app.example/verify-email?token=a&b=c' });
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="https://app.example/verify-email?token=a&amp;b=c"');
    expect(mail.text).toContain('Hi <script>alert("x")</script> & co,');
    // No header injection through a variable in the subject.
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('refuses links that are not http(s)', () => {
    expect(() => link('javascript:alert(1)', 'x')).toThrow(/scheme/);
  });

  it('adds the footer to both parts', () => {
    const mail = greeting({ name: 'A', url: 'https://a.example/x' }, { text: 'Unsubscribe: https://a.example/u', html: html`${link('https://a.example/u', 'Unsubscribe')}` });
    expect(mail.text).toContain('Unsubscribe: https://a.example/u');
    expect(mail.html).toContain('<a href="https://a.example/u">Unsubscribe</a>');
  });

  it('builds app links on APP_URL with encoded values', () => {
    const config = loadMailConfig({ APP_URL: 'https://app.example/' });
    expect(appLink(config, 'verify-email', { token: 'a+b/c' })).toBe('https://app.example/verify-email?token=a%2Bb%2Fc');
  });
});

describe('mailer', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('sends through SMTP; the received message has both parts and the link', async () => {
    const mailer = createMailer({ ...loadMailConfig({}), smtpUrl: smtp.url, from: 'SoulSeer <no-reply@test.local>' });
    try {
      await mailer.send({ to: 'ann@example.com', ...greeting({ name: 'Ann <b>', url: 'https://app.example/verify-email?token=t1' }) });
      const got = await smtp.waitFor((m) => m.to.includes('ann@example.com'));
      expect(got.from).toBe('no-reply@test.local');
      expect(got.subject).toBe('Hello Ann <b> Bcc: victim@example.com');
      expect(got.html).toContain('Ann &lt;b&gt;');
      expect(linkIn(got.text, 'verify-email').searchParams.get('token')).toBe('t1');
      // The forged "Bcc" stayed inside the subject: one recipient only.
      expect(got.to).toEqual(['ann@example.com']);
    } finally {
      mailer.close();
    }
  });

  it('without SMTP writes one .eml file per message', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-'));
    const mailer = createMailer({ ...loadMailConfig({}), dir });
    try {
      const { file } = await mailer.send({ to: 'bob@example.com', ...greeting({ name: 'Bob', url: 'https://app.example/x?token=t2' }) });
      expect(path.dirname(file!)).toBe(dir);
      expect(file).toMatch(/\.eml$/);
      const parsed = await simpleParser(await fs.readFile(file!));
      expect(parsed.subject).toBe('Hello Bob Bcc: victim@example.com');
      expect(parsed.text).toContain('https://app.example/x?token=t2');
      expect((await fs.stat(file!)).mode & 0o077).toBe(0);
    } finally {
      mailer.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
