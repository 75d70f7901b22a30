/**
 * The one template system of every email (HTML and text): each message is a small typed function built with
 * `defineMail`, its HTML written with the `html` tag, which HTML-escapes every interpolated value (a value is
 * inserted raw only when it is itself the result of `html`/`link`). The text part is plain text (no markup to
 * escape); the subject loses line breaks. There is no second way to build an email.
 */

const SAFE = Symbol('safe-html');

/** A fragment of HTML already escaped (made by `html` or `link`). */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const isSafe = (v: unknown): v is SafeHtml => typeof v === 'object' && v !== null && (v as SafeHtml)[SAFE] === true;

function fragment(value: string): SafeHtml {
  return { [SAFE]: true, value };
}

function interpolate(v: unknown): string {
  if (isSafe(v)) return v.value;
  if (Array.isArray(v)) return v.map(interpolate).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** Tagged template for HTML: every `${value}` is escaped unless it is a SafeHtml fragment (or an array of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += interpolate(v) + strings[i + 1]!;
  });
  return fragment(out);
}

/** An http(s) link; any other scheme (javascript:, data:) is refused, so a template cannot be made to carry one. */
export function link(url: string, label: string): SafeHtml {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`refused link scheme ${parsed.protocol}`);
  return html`<a href="${parsed.toString()}">${label}</a>`;
}

/** What a template function writes: a subject, the text part and the HTML body (the layout wraps it). */
export interface MailContent {
  subject: string;
  text: string;
  html: SafeHtml;
}

/** Optional footer every email of a kind carries (e.g. an unsubscribe link), in both parts. */
export interface MailFooter {
  text: string;
  html: SafeHtml;
}

/** A rendered email, ready for the Mailer. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const layout = (subject: string, body: SafeHtml, footer?: MailFooter) => html`<!doctype html>
<html><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #222; max-width: 36em; margin: 0 auto; padding: 1em">
${body}
<hr style="border: none; border-top: 1px solid #ddd; margin-top: 2em">
<p style="font-size: 12px; color: #777">SoulSeer${footer ? html`<br>${footer.html}` : ''}</p>
</body></html>`;

/**
 * One email kind: a typed function from its variables to the rendered email. `build` returns the subject, the text
 * part and the HTML body (written with `html`); the layout and the optional footer are added here.
 */
export function defineMail<V>(build: (vars: V) => MailContent): (vars: V, footer?: MailFooter) => RenderedMail {
  return (vars, footer) => {
    const content = build(vars);
    const subject = content.subject.replace(/[\r\n]+/g, ' ').trim();
    const text = `${content.text.trim()}\n\n-- \nSoulSeer${footer ? `\n${footer.text}` : ''}\n`;
    return { subject, text, html: layout(subject, content.html, footer).value };
  };
}
