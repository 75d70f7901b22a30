import type { ChatMessage } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { transact } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { readingsDeps } from '../deps.js';
import { assertParticipant } from '../authz.js';
import { assertBillingForChat, SESSION_NOT_BILLING } from './billing-gate.js';
import { sessionMessagesTopic, type ChatMessageEvent } from './events.js';
import { chargeDueMinutes } from './minute-charges.js';
import { endUnpaidSession } from './session-end.js';
import { emitSessionEvent, lockSession, READINGS_TX } from './session-store.js';

export const MESSAGE_MAX_LENGTH = 2000;

export interface SendMessageInput {
  sessionId: string;
  content: string;
  /** Idempotency key: resending with the same key returns the first message. */
  clientKey: string | null;
}

/**
 * A participant's chat message, while the session bills only (billing-gate.ts). The minute it falls in is paid
 * before it is written; the session row lock orders senders, so `seq` has no gaps or duplicates.
 */
export async function sendMessage(ctx: Context, input: SendMessageInput): Promise<ChatMessage> {
  const viewer = requireVerifiedViewer(ctx);
  const { sessionId, clientKey } = input;
  const text = input.content.trim();
  if (!text) throw badInput('A message cannot be empty.', { field: 'content' });
  if (text.length > MESSAGE_MAX_LENGTH) {
    throw badInput(`A message may have at most ${MESSAGE_MAX_LENGTH} characters.`, { field: 'content', max: MESSAGE_MAX_LENGTH });
  }
  if (clientKey !== null && (clientKey.length < 1 || clientKey.length > 100)) {
    throw badInput('clientKey must have 1 to 100 characters.', { field: 'clientKey' });
  }
  const msg = await transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await lockSession(tx, sessionId);
    const now = readingsDeps(ctx).clock(); // after the lock: see billingSweep
    assertParticipant(viewer, s);
    if (clientKey) {
      const existing = await tx.chatMessage.findUnique({
        where: { sessionId_senderId_clientKey: { sessionId, senderId: viewer.id, clientKey } },
      });
      if (existing) return existing;
    }
    assertBillingForChat(s);
    // The minute this message falls in is paid before it is written (the sweep may not have charged it yet).
    const r = await chargeDueMinutes(ctx, tx, s, now);
    if (r.insufficient) {
      await endUnpaidSession(ctx, tx, after, r.session, now);
      return null;
    }
    if (r.charged) await emitSessionEvent(ctx, tx, after, r.session, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
    // The session row lock serialises senders, so seq has no gaps or duplicates.
    const last = await tx.chatMessage.aggregate({ where: { sessionId }, _max: { seq: true } });
    const msg = await tx.chatMessage.create({
      data: { sessionId, senderId: viewer.id, seq: (last._max.seq ?? 0) + 1, content: text, clientKey, createdAt: now },
    });
    const event: ChatMessageEvent = { ...msg, createdAt: msg.createdAt.toISOString() };
    after.publish(sessionMessagesTopic(sessionId), event);
    return msg;
  });
  if (!msg) {
    throw conflict('The session ended: the next minute could not be paid.', { sessionId, status: 'COMPLETED', reason: SESSION_NOT_BILLING });
  }
  return msg;
}
