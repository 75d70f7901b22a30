import { describe, expect, it } from 'vitest';
import { isStaleParticipantEvent, participantEventMark, type ParticipantEventMark } from './livekit-webhook.js';

// LiveKit's event order for one participant in one room (readings' session rooms and community's stream rooms).
const mark = (event: 'participant_joined' | 'participant_left', at: number, sid = 'PA_1'): ParticipantEventMark => ({ event, at: BigInt(at), sid });
const last = (m: ParticipantEventMark) => ({ eventAt: m.at, event: m.event, sid: m.sid });

describe('participant events in LiveKit order', () => {
  it('reads the event time and connection, a leave for an aborted connection, nothing for other events', () => {
    expect(participantEventMark({ event: 'participant_joined', createdAt: 1_700_000_000n, participant: { sid: 'PA_x' } })).toEqual(mark('participant_joined', 1_700_000_000, 'PA_x'));
    expect(participantEventMark({ event: 'participant_connection_aborted', createdAt: '12' })).toEqual(mark('participant_left', 12, ''));
    expect(participantEventMark({ event: 'participant_left' })!.at).toBe(0n);
    expect(participantEventMark({ event: 'room_finished', createdAt: 5 })).toBeNull();
  });

  it('drops older events and keeps newer ones', () => {
    expect(isStaleParticipantEvent(null, mark('participant_joined', 1))).toBe(false);
    expect(isStaleParticipantEvent(last(mark('participant_left', 10)), mark('participant_joined', 5))).toBe(true);
    expect(isStaleParticipantEvent(last(mark('participant_joined', 10)), mark('participant_left', 5))).toBe(true);
    expect(isStaleParticipantEvent(last(mark('participant_left', 10)), mark('participant_joined', 11))).toBe(false);
  });

  it('within one second: a leave beats the join of its own connection, a new connection beats the leave of the old one', () => {
    // The join of the connection that already left (delivered late): stale.
    expect(isStaleParticipantEvent(last(mark('participant_left', 10, 'PA_1')), mark('participant_joined', 10, 'PA_1'))).toBe(true);
    // A reconnect (new connection) in the same second as the leave: applied.
    expect(isStaleParticipantEvent(last(mark('participant_left', 10, 'PA_1')), mark('participant_joined', 10, 'PA_2'))).toBe(false);
    // Leaving in the join's second: applied.
    expect(isStaleParticipantEvent(last(mark('participant_joined', 10, 'PA_1')), mark('participant_left', 10, 'PA_1'))).toBe(false);
    // The old connection that the new one replaced leaves (LiveKit removes it) after the new join was applied: stale.
    expect(isStaleParticipantEvent(last(mark('participant_joined', 10, 'PA_2')), mark('participant_left', 10, 'PA_1'))).toBe(true);
  });
});
