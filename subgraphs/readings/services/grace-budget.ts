import type { Session } from '../../../shared/db/generated/client.js';

/**
 * The disconnect grace is a budget per session (session_grace_seconds in total), not per disconnect: every pause
 * spends it, from grace_started_at until both are back, and the session ends (DISCONNECTED, billed only for its
 * connected minutes) once it is spent. So leaving and rejoining cannot stop the meter for longer than the budget.
 */

/** Seconds the current pause has spent (whole seconds, rounded up: a pause never costs nothing). */
export function pauseSeconds(s: Pick<Session, 'graceStartedAt'>, now: Date): number {
  return s.graceStartedAt ? Math.max(0, Math.ceil((now.getTime() - s.graceStartedAt.getTime()) / 1000)) : 0;
}

/** Seconds of the budget not spent by earlier pauses (the current one not counted). */
export function graceRemaining(s: Pick<Session, 'graceUsedSeconds'>, budgetSeconds: number): number {
  return Math.max(0, budgetSeconds - s.graceUsedSeconds);
}

/** The budget spent once the current pause ends now (banked when both are back). */
export function graceUsedAfterPause(s: Pick<Session, 'graceStartedAt' | 'graceUsedSeconds'>, budgetSeconds: number, now: Date): number {
  return Math.min(budgetSeconds, s.graceUsedSeconds + pauseSeconds(s, now));
}

/** When the current pause spends the rest of the budget (null when not paused). */
export function graceDeadline(s: Pick<Session, 'graceStartedAt' | 'graceUsedSeconds'>, budgetSeconds: number): Date | null {
  return s.graceStartedAt ? new Date(s.graceStartedAt.getTime() + graceRemaining(s, budgetSeconds) * 1000) : null;
}
