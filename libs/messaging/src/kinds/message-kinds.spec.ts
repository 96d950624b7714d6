import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { templatesRoot } from '@schakel/common';
import { isMessageKind, MESSAGE_KINDS, MESSAGES } from './index';

const user = 'u-1';

describe('message kinds', () => {
  it('keep every delivery key format byte for byte (rows in production carry them)', () => {
    expect(MESSAGES['enrolment-confirmed'].key({ enrolmentId: 'e-1' })).toBe('enrolment-confirmed:e-1');
    expect(MESSAGES['enrolment-waitlisted'].key({ enrolmentId: 'e-1' })).toBe('enrolment-waitlisted:e-1');
    expect(MESSAGES['enrolment-promoted'].key({ enrolmentId: 'e-1' })).toBe('enrolment-promoted:e-1');
    expect(MESSAGES['enrolment-cancelled'].key({ enrolmentId: 'e-1' })).toBe('enrolment-cancelled:e-1');
    const seat = { sessionId: 's-1', enrolmentId: 'e-1', sequence: 3 };
    expect(MESSAGES['session-changed'].key(seat, user)).toBe('session-changed:s-1:3:u-1');
    expect(MESSAGES['session-cancelled'].key(seat, user)).toBe('session-cancelled:s-1:u-1');
    expect(MESSAGES['session-reminder'].key({ sessionId: 's-1', enrolmentId: 'e-1', window: '7d', startsAt: 1795449300 }, user)).toBe('session-reminder:7d:s-1:u-1:1795449300');
    expect(MESSAGES['module-nudge'].key({ enrolmentId: 'e-1', window: '2' })).toBe('module-nudge:e-1:2');
    expect(MESSAGES['certificate-issued'].key({ certificateId: 'c-1' })).toBe('certificate-issued:c-1');
    expect(MESSAGES['certificate-expiring'].key({ certificateId: 'c-1', window: '14d' })).toBe('certificate-expiring:14d:c-1');
    expect(MESSAGES['member-invited'].key({ organisationId: 'o-1' }, user)).toBe('member-invited:o-1:u-1');
    expect(MESSAGES['membership-requested'].key({ organisationId: 'o-1' }, user)).toBe('membership-requested:o-1:u-1');
    expect(MESSAGES['member-invited'].key({ organisationId: 'o-1', resend: 2 }, user)).toBe('member-invited:o-1:u-1:resend:2');
    expect(MESSAGES['membership-requested'].key({ organisationId: 'o-1', resend: 1 }, user)).toBe('membership-requested:o-1:u-1:resend:1');
    expect(MESSAGES['password-reset'].key({ requestId: 'r-1' })).toBe('password-reset:r-1');
    expect(MESSAGES['verify-email'].key({ requestId: 'r-1' })).toBe('verify-email:r-1');
    expect(MESSAGES['order-changed'].key({ orderId: 'r-1', state: 'confirmed' }, user)).toBe('order-changed:r-1:confirmed:u-1');
  });

  it('names each definition by its own kind, with a template in every language', () => {
    for (const kind of MESSAGE_KINDS) {
      expect(MESSAGES[kind].kind).toBe(kind);
      for (const locale of ['nl', 'en']) expect(existsSync(join(templatesRoot(), 'emails', locale, `${MESSAGES[kind].template}.hbs`))).toBe(true);
    }
  });

  it('lets "nudges off" silence only nudges, and the daily limit hold reminders, nudges and expiry notices', () => {
    expect(MESSAGE_KINDS.filter((kind) => MESSAGES[kind].nudge)).toEqual(['module-nudge']);
    expect(MESSAGE_KINDS.filter((kind) => MESSAGES[kind].dailyLimited).sort()).toEqual(['certificate-expiring', 'module-nudge', 'session-reminder']);
  });

  it('knows stored kinds and refuses others', () => {
    expect(isMessageKind('session-reminder')).toBe(true);
    expect(isMessageKind('session.changed')).toBe(false);
    expect(isMessageKind('toString')).toBe(false);
  });
});
