import { DomainException } from '@schakel/common';
import { parseMeetings, periodOf } from './meeting.rules';

const at = (iso: string) => new Date(iso);

describe('meeting rules', () => {
  it('sorts meetings by start and keeps their ids', () => {
    const meetings = parseMeetings([
      { id: 'b', startsAt: '2026-03-30T09:00:00+02:00', endsAt: '2026-03-30T12:00:00+02:00' },
      { startsAt: '2026-03-29T09:00:00+02:00', endsAt: '2026-03-29T12:00:00+02:00' },
    ]);
    expect(meetings.map((m) => [m.id, m.startsAt.toISOString()])).toEqual([
      [undefined, '2026-03-29T07:00:00.000Z'],
      ['b', '2026-03-30T07:00:00.000Z'],
    ]);
  });

  it('names every meeting that ends before it starts, and an id given twice', () => {
    try {
      parseMeetings([
        { id: 'a', startsAt: '2026-03-29T09:00:00Z', endsAt: '2026-03-29T09:00:00Z' },
        { id: 'a', startsAt: '2026-03-30T09:00:00Z', endsAt: '2026-03-30T10:00:00Z' },
      ]);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).code).toBe('session.invalid-meetings');
      expect((error as DomainException).details?.map((p) => p.field)).toEqual(['meetings[0].endsAt', 'meetings']);
    }
  });

  it('spans the first start to the last end', () => {
    expect(periodOf([
      { startsAt: at('2026-03-30T09:00:00Z'), endsAt: at('2026-03-30T17:00:00Z') },
      { startsAt: at('2026-03-29T09:00:00Z'), endsAt: at('2026-03-29T12:00:00Z') },
    ])).toEqual({ startsAt: at('2026-03-29T09:00:00Z'), endsAt: at('2026-03-30T17:00:00Z') });
  });
});
