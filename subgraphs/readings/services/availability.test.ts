import { describe, expect, it } from 'vitest';
import type { Availability } from '../../../shared/db/generated/client.js';
import { insideAvailability, isTimeZone, localParts } from './availability.js';

const slot = (over: Partial<Availability>): Availability => ({
  id: 'a',
  readerId: 'r',
  dayOfWeek: 1,
  startTime: '09:00',
  endTime: '12:00',
  timezone: 'America/New_York',
  isRecurring: true,
  specificDate: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe('availability in the reader\'s timezone', () => {
  it('reads an instant as wall-clock time in the zone, across DST', () => {
    // 2026-03-09 is a Monday; New York is on EDT (UTC-4) from 2026-03-08.
    expect(localParts(new Date('2026-03-09T13:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-09', dayOfWeek: 1, time: '09:30' });
    // A week earlier it was EST (UTC-5).
    expect(localParts(new Date('2026-03-02T13:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-02', dayOfWeek: 1, time: '08:30' });
    // Late Sunday UTC is already Monday in Tokyo.
    expect(localParts(new Date('2026-03-08T23:30:00Z'), 'Asia/Tokyo')).toMatchObject({ date: '2026-03-09', dayOfWeek: 1, time: '08:30' });
  });

  it('matches weekly slots by weekday and one-off slots by date, end exclusive', () => {
    const weekly = [slot({})];
    expect(insideAvailability(weekly, new Date('2026-03-09T13:00:00Z'))).toBe(true); // 09:00 Monday
    expect(insideAvailability(weekly, new Date('2026-03-09T15:59:00Z'))).toBe(true); // 11:59
    expect(insideAvailability(weekly, new Date('2026-03-09T16:00:00Z'))).toBe(false); // 12:00: end is exclusive
    expect(insideAvailability(weekly, new Date('2026-03-02T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(insideAvailability(weekly, new Date('2026-03-10T13:30:00Z'))).toBe(false); // Tuesday
    const oneOff = [slot({ isRecurring: false, specificDate: new Date('2026-03-11T00:00:00Z'), dayOfWeek: 3 })];
    expect(insideAvailability(oneOff, new Date('2026-03-11T14:00:00Z'))).toBe(true);
    expect(insideAvailability(oneOff, new Date('2026-03-18T14:00:00Z'))).toBe(false);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
