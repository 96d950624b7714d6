import { invitationMail, minutesUntilResend } from './invitation.rules';

describe('resending an invitation', () => {
  const at = new Date('2027-03-02T10:00:00Z');

  it('sends the mail the invitation was: a consent request while pending, the welcome while no password is chosen', () => {
    expect(invitationMail({ status: 'pending', createdAt: at, hasPassword: true })).toBe('membership.requested');
    expect(invitationMail({ status: 'pending', createdAt: at, hasPassword: false })).toBe('membership.requested');
    expect(invitationMail({ status: 'active', createdAt: at, hasPassword: false })).toBe('member.invited');
    expect(invitationMail({ status: 'active', createdAt: at, hasPassword: true })).toBeNull();
  });

  it('waits ten minutes after the last mail, rounding the wait up to whole minutes', () => {
    expect(minutesUntilResend(at, new Date(at.getTime() + 10 * 60_000))).toBe(0);
    expect(minutesUntilResend(at, new Date(at.getTime() + 60 * 60_000))).toBe(0);
    expect(minutesUntilResend(at, new Date(at.getTime() + 9 * 60_000 + 59_000))).toBe(1);
    expect(minutesUntilResend(at, at)).toBe(10);
  });
});
