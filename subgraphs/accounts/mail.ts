import { defineMail, html, link } from '../../shared/mail/index.js';

// Accounts' emails, one typed template each (shared/mail/template.ts: every value is escaped in the HTML part).

export const verifyEmailMail = defineMail((v: { url: string; code: string; hours: number }) => ({
  subject: 'Confirm your email address',
  text: `Welcome to SoulSeer.\n\nConfirm your email address by opening this link:\n${v.url}\n\nor enter this code in the app: ${v.code}\n\nThe link and the code work once and expire in ${v.hours} hours. If you did not sign up, ignore this email.`,
  html: html`<p>Welcome to SoulSeer.</p>
<p>${link(v.url, 'Confirm your email address')}</p>
<p>or enter this code in the app: <strong style="font-size: 20px; letter-spacing: 2px">${v.code}</strong></p>
<p>The link and the code work once and expire in ${v.hours} hours. If you did not sign up, ignore this email.</p>`,
}));

export const passwordResetMail = defineMail((v: { url: string; minutes: number }) => ({
  subject: 'Reset your SoulSeer password',
  text: `Someone (hopefully you) asked to reset the password of this SoulSeer account.\n\nChoose a new password here:\n${v.url}\n\nThe link works once and expires in ${v.minutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
  html: html`<p>Someone (hopefully you) asked to reset the password of this SoulSeer account.</p>
<p>${link(v.url, 'Choose a new password')}</p>
<p>The link works once and expires in ${v.minutes} minutes. If you did not ask, ignore this email: your password stays as it is.</p>`,
}));

export const passwordChangedMail = defineMail((_v: Record<string, never>) => ({
  subject: 'Your SoulSeer password was changed',
  text: 'The password of your SoulSeer account was just changed, and every device was signed out. If this was not you, reset your password at once.',
  html: html`<p>The password of your SoulSeer account was just changed, and every device was signed out.</p><p>If this was not you, reset your password at once.</p>`,
}));

export const confirmEmailChangeMail = defineMail((v: { url: string; hours: number }) => ({
  subject: 'Confirm your new email address',
  text: `Confirm that this is the new email address of your SoulSeer account:\n${v.url}\n\nThe link works once and expires in ${v.hours} hours. Until then your account keeps its old address.`,
  html: html`<p>${link(v.url, 'Confirm that this is the new email address of your SoulSeer account')}</p>
<p>The link works once and expires in ${v.hours} hours. Until then your account keeps its old address.</p>`,
}));

export const emailChangeNoticeMail = defineMail((v: { newEmail: string }) => ({
  subject: 'Your SoulSeer email address is being changed',
  text: `Someone signed in to your SoulSeer account asked to change its email address to ${v.newEmail}. It changes once that address confirms. If this was not you, change your password now.`,
  html: html`<p>Someone signed in to your SoulSeer account asked to change its email address to <strong>${v.newEmail}</strong>. It changes once that address confirms.</p><p>If this was not you, change your password now.</p>`,
}));

export const dataExportReadyMail = defineMail((v: { url: string; days: number }) => ({
  subject: 'Your SoulSeer data export is ready',
  text: `The copy of your personal data you asked for is ready. Download it in the app (Settings, Privacy):\n${v.url}\n\nIt is kept for ${v.days} days. If you did not ask for it, change your password now.`,
  html: html`<p>The copy of your personal data you asked for is ready.</p>
<p>${link(v.url, 'Download it in the app (Settings, Privacy)')}</p>
<p>It is kept for ${v.days} days. If you did not ask for it, change your password now.</p>`,
}));

export const accountDeletedMail = defineMail((_v: Record<string, never>) => ({
  subject: 'Your SoulSeer account was deleted',
  text: 'Your SoulSeer account was deleted as you asked: your profile and what you wrote are erased, and every device was signed out. Payment records are kept, without your name, as the law requires.',
  html: html`<p>Your SoulSeer account was deleted as you asked: your profile and what you wrote are erased, and every device was signed out.</p><p>Payment records are kept, without your name, as the law requires.</p>`,
}));
