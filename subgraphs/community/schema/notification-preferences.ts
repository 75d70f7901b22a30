import { depsOf } from '../../../shared/context.js';
import { builder } from '../builder.js';
import * as prefs from '../services/notification-prefs.js';
import { NotificationChannelEnum, NotificationKindEnum } from './notifications.js';

const hhmm = (minutes: number | null) =>
  minutes == null ? null : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const NotificationPreferenceObject = builder.objectRef<prefs.PreferenceEntry>('NotificationPreference').implement({
  description: 'Whether one kind of notification reaches the viewer on one channel.',
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, description: 'Which notifications this switch is for.', resolve: (e) => e.kind }),
    channel: t.field({ type: NotificationChannelEnum, description: 'The way out (in-app, email, web push) this switch is for.', resolve: (e) => e.channel }),
    enabled: t.exposeBoolean('enabled', { description: 'It is sent on this channel (the viewer\'s choice, else the default).' }),
    editable: t.exposeBoolean('editable', { description: 'False for in-app and for account security notices, which are always on.' }),
  }),
});

const QuietHoursObject = builder.objectRef<{ start: string; end: string }>('QuietHours').implement({
  description: 'Local hours when email and push wait (in-app notifications still arrive at once).',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'Local start, HH:MM (24-hour clock).' }),
    end: t.exposeString('end', { description: 'Local end, HH:MM; earlier than start means the quiet hours span midnight.' }),
  }),
});

const NotificationPreferencesObject = builder.objectRef<prefs.PreferencesView>('NotificationPreferences').implement({
  description: 'The viewer\'s notification settings: every kind × channel, their time zone and quiet hours.',
  fields: (t) => ({
    entries: t.field({ type: [NotificationPreferenceObject], description: 'One entry per kind and channel.', resolve: (p) => p.entries }),
    timezone: t.exposeString('timezone', { description: 'IANA time zone the quiet hours are in (UTC until set).' }),
    quietHours: t.field({
      type: QuietHoursObject,
      nullable: true,
      description: 'When email and push wait until the end; null: none.',
      resolve: (p) => (p.quietStart == null || p.quietEnd == null ? null : { start: hhmm(p.quietStart)!, end: hhmm(p.quietEnd)! }),
    }),
  }),
});

const NotificationPreferenceChange = builder.inputType('NotificationPreferenceChange', {
  description: 'Turns one kind of notification on or off on one channel (email or web push).',
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, required: true, description: 'The kind to change.' }),
    channel: t.field({ type: NotificationChannelEnum, required: true, description: 'EMAIL or WEB_PUSH (in-app is always on).' }),
    enabled: t.boolean({ required: true, description: 'True to receive it on that channel.' }),
  }),
});

const QuietHoursInput = builder.inputType('QuietHoursInput', {
  description: 'Quiet hours in the viewer\'s time zone; both null clears them.',
  fields: (t) => ({
    start: t.string({ description: 'Local start, HH:MM (24-hour clock); null with end null clears.' }),
    end: t.string({ description: 'Local end, HH:MM; earlier than start spans midnight (22:00–07:00).' }),
  }),
});

const UpdateNotificationPreferencesInput = builder.inputType('UpdateNotificationPreferencesInput', {
  description: 'What to change; fields left out stay as they are. Applied all together or not at all.',
  fields: (t) => ({
    changes: t.field({ type: [NotificationPreferenceChange], description: 'Kind × channel switches to set.' }),
    timezone: t.string({ description: 'IANA time zone name (Europe/Paris, America/New_York) for the quiet hours.' }),
    quietHours: t.field({ type: QuietHoursInput, description: 'New quiet hours (both ends, or both null to clear).' }),
  }),
});

builder.queryField('notificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesObject,
    authScopes: { authenticated: true },
    description: 'The viewer\'s notification preferences, with the defaults filled in.',
    resolve: (_root, _args, ctx) => prefs.preferencesOf(ctx),
  }),
);

builder.mutationField('updateNotificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesObject,
    authScopes: { authenticated: true },
    description: 'Changes which notifications reach the viewer by email and web push, their time zone and quiet hours.',
    args: { input: t.arg({ type: UpdateNotificationPreferencesInput, required: true, description: 'Which switches, time zone and quiet hours to change; the rest stays.' }) },
    resolve: (_root, args, ctx) =>
      prefs.updatePreferences(ctx, {
        changes: args.input.changes ?? null,
        timezone: args.input.timezone ?? null,
        quietHours: args.input.quietHours ? { start: args.input.quietHours.start ?? null, end: args.input.quietHours.end ?? null } : null,
      }),
  }),
);

builder.mutationField('unsubscribeNotifications', (t) =>
  t.field({
    type: NotificationKindEnum,
    description:
      'One-click unsubscribe from the link at the foot of a notification email: turns that kind\'s email off for the user it was sent to. No sign-in needed; returns the kind turned off.',
    args: { token: t.arg.string({ required: true, description: 'The token from the email\'s unsubscribe link (its token query parameter).' }) },
    resolve: (_root, args, ctx) => prefs.unsubscribeByToken(ctx, (token) => depsOf(ctx, 'community').unsubscribe.verify(token), args.token),
  }),
);
