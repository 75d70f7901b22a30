import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { onFirstUse } from '../on-first-use.js';
import { logger } from '../logger.js';
import type { MailConfig } from './config.js';
import type { RenderedMail } from './template.js';

const log = logger('mail');

/** One email to send: a rendered template, its recipient and optional extra headers (List-Unsubscribe…). */
export interface OutgoingMail extends RenderedMail {
  to: string;
  headers?: Record<string, string>;
  /** The Message-ID (`<…@…>`); nodemailer makes a random one when absent. A resend with the same id is the same message to mail systems that de-duplicate. */
  messageId?: string;
}

/** Sends email: through SMTP when SMTP_URL is set, else as .eml files under `.data/mail/`. */
export interface Mailer {
  /** `smtp` or `file`. */
  readonly kind: 'smtp' | 'file';
  /** Sends one email; resolves once the SMTP server accepted it (or the file is written). Throws on failure. */
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

/**
 * The process's mailer. With `smtpUrl`, nodemailer's SMTP transport (pooled connections); without, nodemailer's
 * stream transport builds the same MIME message and it is written to `dir` as `<time>-<id>.eml` (mode 0600: the
 * files hold sign-in links), and the log says where. nodemailer is loaded and the transport made at the first send.
 */
export function createMailer(config: MailConfig): Mailer {
  let transport: Transporter | null = null;
  const open = () =>
    (transport ??= onFirstUse<typeof Nodemailer>('nodemailer').createTransport(
      config.smtpUrl ?? { streamTransport: true, buffer: true, newline: 'unix' },
    ));
  const close = () => transport?.close();
  if (config.smtpUrl) {
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await open().sendMail({ from: config.from, ...mail });
        return { messageId: info.messageId };
      },
      close,
    };
  }
  let announced = false;
  return {
    kind: 'file',
    async send(mail) {
      const info = await open().sendMail({ from: config.from, ...mail });
      await fs.mkdir(config.dir, { recursive: true, mode: 0o700 });
      const file = path.join(config.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      if (!announced) {
        announced = true;
        log.info({ dir: config.dir }, 'no SMTP_URL: emails are written as .eml files');
      }
      log.info({ file, messageId: info.messageId }, 'email written to file');
      return { messageId: info.messageId, file };
    },
    close,
  };
}
