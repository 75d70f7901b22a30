import path from 'node:path';

/** Where email goes and what links in it point at (docs/configuration.md lists the variables). */
export interface MailConfig {
  /** SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`); null: messages are written as .eml files to `dir`. */
  smtpUrl: string | null;
  /** MAIL_FROM: the From header. */
  from: string;
  /** Folder of the .eml files when there is no SMTP server: `$DATA_DIR/mail` (default `.data/mail`). */
  dir: string;
  /** APP_URL: the client app's base URL; links in emails (verify, reset, confirm) are built on it. */
  appUrl: string;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    smtpUrl: env.SMTP_URL || null,
    from: env.MAIL_FROM || 'SoulSeer <no-reply@soulseer.local>',
    dir: path.resolve(env.DATA_DIR || '.data', 'mail'),
    appUrl: (env.APP_URL || 'http://127.0.0.1:4000').replace(/\/+$/, ''),
  };
}

/** A link into the client app: `${appUrl}/${route}?k=v`, values URL-encoded. */
export function appLink(config: Pick<MailConfig, 'appUrl'>, route: string, query: Record<string, string>): string {
  const url = new URL(`${config.appUrl}/${route.replace(/^\/+/, '')}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}
