import type { Builder } from '../builder.js';

/** Enum values with a description each (partners read them through introspection). */
export function describedValues<const K extends string>(descriptions: Record<K, string>) {
  return Object.fromEntries(Object.entries(descriptions).map(([k, d]) => [k, { value: k, description: d as string }])) as {
    [P in K]: { value: P; description: string };
  };
}
import type { ReaderStatus, SessionType, UserRole } from '../db/generated/enums.js';

// Enums that more than one subgraph uses must be declared identically in each (federation composes them
// by value); every subgraph registers them through these functions.

export function sessionTypeEnum(builder: Builder) {
  return builder.enumType('SessionType', {
    description: 'How a reading happens: text chat, voice call or video.',
    values: describedValues<SessionType>({ CHAT: 'Text chat.', CALL: 'Voice call.', VIDEO: 'Video call.' }),
  });
}

export function readerStatusEnum(builder: Builder) {
  return builder.enumType('ReaderStatus', {
    description: 'A reader\'s presence. INVISIBLE is shown to everyone else as OFFLINE.',
    values: describedValues<ReaderStatus>({
      ONLINE: 'Available for readings now.',
      OFFLINE: 'Not available.',
      BUSY: 'In a session or has a pending request (set by the platform).',
      AWAY: 'Online but away for a moment.',
      INVISIBLE: 'Online but shown to others as OFFLINE.',
    }),
  });
}

export function userRoleEnum(builder: Builder) {
  return builder.enumType('UserRole', {
    description: 'What a user is on SoulSeer.',
    values: describedValues<UserRole>({ CLIENT: 'Buys readings.', READER: 'Gives readings (created by admins).', ADMIN: 'Runs the platform.' }),
  });
}
