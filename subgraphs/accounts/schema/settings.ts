import { builder } from '../builder.js';
import { totalCountField } from './connection.js';
import { UserRef, userLoader } from './user.js';
import { badInput } from '../../../shared/errors.js';
import { listSettings, settingKeyOf, updateSystemSetting, type SettingView, type UpdateSettingResult } from '../../../shared/settings-admin.js';

// System settings live in the platform table system_settings (shared/settings.ts); the admin console reaches them
// through accounts, which also owns the admins.

const SettingTypeEnum = builder.enumType('SettingType', {
  description: 'How a setting\'s value is written.',
  values: {
    INTEGER: { description: 'A whole number, within min..max.' },
    BOOLEAN: { description: 'true or false (stored and shown as 1 or 0).' },
  } as const,
});

const SystemSettingObject = builder.objectRef<SettingView>('SystemSetting').implement({
  description: 'A business setting of the platform (PRODUCT.md), with its rules and the value in force.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable name, e.g. reader_share_bps.' }),
    type: t.field({ type: SettingTypeEnum, description: 'How the value is written.', resolve: (s) => s.type }),
    description: t.exposeString('description', { description: 'What the setting controls, with its unit.' }),
    min: t.exposeInt('min', { description: 'Smallest allowed value (inclusive).' }),
    max: t.exposeInt('max', { description: 'Largest allowed value (inclusive).' }),
    defaultValue: t.exposeInt('default', { description: 'The value in force when no admin set one.' }),
    value: t.exposeInt('value', { description: 'The value in force now (BOOLEAN: 1 or 0).' }),
    isDefault: t.exposeBoolean('isDefault', { description: 'True when no admin set a value (the default applies).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'When an admin last set it (null: never).' }),
  }),
});

builder.prismaObject('SystemSettingChange', {
  description: 'One change of a system setting: who changed which key from what to what, and why.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of this history row.' }),
    key: t.exposeString('key', { description: 'The setting changed.' }),
    oldValue: t.exposeString('oldValue', { description: 'The value in force before (the default when none was set).' }),
    newValue: t.exposeString('newValue', { description: 'The value set.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the admin wrote it.' }),
    actor: t.field({
      type: UserRef,
      nullable: true,
      description: 'The admin who changed it (null if the account no longer exists).',
      resolve: (c, _args, ctx) => (c.actorId ? userLoader(ctx).load(c.actorId) : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it changed.' }),
  }),
});

builder.queryFields((t) => ({
  systemSettings: t.field({
    type: [SystemSettingObject],
    authScopes: { admin: true },
    description: 'Admins: every system setting with its type, description, range, default and value in force (a short fixed list).',
    resolve: (_root, _args, ctx) => listSettings(ctx),
  }),
  systemSettingHistory: t.prismaConnection(
    {
      type: 'SystemSettingChange',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { admin: true },
      description: 'Admins: changes of system settings, newest first, 20 a page by default (100 at most).',
      args: { key: t.arg.string({ description: 'Only changes of this setting.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.systemSettingChange.findMany({ ...query, where: historyWhere(args.key), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      totalCount: (_parent, args, ctx) => ctx.prisma.systemSettingChange.count({ where: historyWhere(args.key) }),
    },
    { description: 'A page of setting changes.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of changes matching (all pages).') }) },
    { description: 'One setting change in a page.' },
  ),
}));

function historyWhere(key: string | null | undefined) {
  if (key == null) return {};
  if (key.length > 100) throw badInput('key must be at most 100 characters.', 'key');
  return { key: settingKeyOf(key) };
}

const UpdateSystemSettingInput = builder.inputType('UpdateSystemSettingInput', {
  description: 'A new value for one setting.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The setting, e.g. reader_share_bps (see systemSettings).' }),
    value: t.string({ required: true, description: 'The new value, as text: an integer for INTEGER, true/false (or 1/0) for BOOLEAN; within min..max.' }),
    reason: t.string({ description: 'Why, for the history and the audit log (at most 500 characters).' }),
  }),
});

const UpdateSystemSettingPayload = builder.objectRef<UpdateSettingResult>('UpdateSystemSettingPayload').implement({
  description: 'The result of updateSystemSetting.',
  fields: (t) => ({
    setting: t.field({ type: SystemSettingObject, description: 'The setting, with the value now in force.', resolve: (r) => r.setting }),
    change: t.prismaField({
      type: 'SystemSettingChange',
      nullable: true,
      description: 'The history row written (null when the value was already stored: nothing changed).',
      resolve: (query, r, _args, ctx) => (r.change ? ctx.prisma.systemSettingChange.findUnique({ ...query, where: { id: r.change.id } }) : null),
    }),
  }),
});

builder.mutationField('updateSystemSetting', (t) =>
  t.field({
    type: UpdateSystemSettingPayload,
    authScopes: { adminPermission: 'SETTINGS' },
    description:
      'Super-admins (SETTINGS): sets a system setting. The value is checked against its type and range (BAD_USER_INPUT, ' +
      'nothing changes); the change is recorded in systemSettingHistory and the audit log, and applies to the next read ' +
      'in every process (settings are read fresh): e.g. a new reader_share_bps applies to the next billed minute, never to past charges.',
    args: { input: t.arg({ type: UpdateSystemSettingInput, required: true, description: 'Key, value and reason.' }) },
    resolve: (_root, { input }, ctx) => updateSystemSetting(ctx, input),
  }),
);
