import type { Builder } from '../builder.js';
import { ReaderStatus, SessionType, UserRole } from '../db/generated/enums.js';

// Enums that more than one subgraph uses must be declared identically in each (federation composes them
// by value); every subgraph registers them through these functions.

export function sessionTypeEnum(builder: Builder) {
  return builder.enumType(SessionType, {
    name: 'SessionType',
    description: 'How a reading happens: text chat, voice call or video.',
  });
}

export function readerStatusEnum(builder: Builder) {
  return builder.enumType(ReaderStatus, {
    name: 'ReaderStatus',
    description: 'A reader\'s presence. INVISIBLE is shown to everyone else as OFFLINE.',
  });
}

export function userRoleEnum(builder: Builder) {
  return builder.enumType(UserRole, { name: 'UserRole', description: 'What a user is on SoulSeer.' });
}
