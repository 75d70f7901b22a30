export { loadMailConfig, appLink, type MailConfig } from './config.js';
export { createMailer, type Mailer, type OutgoingMail } from './mailer.js';
export { defineMail, html, link, escapeHtml, type SafeHtml, type MailContent, type MailFooter, type RenderedMail } from './template.js';
