import { DomainException } from '@schakel/common';

/** Every code the organisation domain answers with; clients rely on them, so they never change. */
export enum OrganisationErrorCode {
  MemberNotFound = 'organisation.member-not-found',
  AlreadyMember = 'organisation.already-member',
  LastAdmin = 'organisation.last-admin',
  MembershipNotFound = 'organisation.membership-not-found',
  NotPending = 'organisation.membership-not-pending',
  EmailUnverified = 'organisation.email-unverified',
  InvitationResentRecently = 'organisation.invitation-resent-recently',
}

/** Not a member (404) and a missing role (403) are access answers: see AccessError in @schakel/access. */
export const OrganisationError = {
  memberNotFound: () => new DomainException(404, OrganisationErrorCode.MemberNotFound, 'Member not found'),
  alreadyMember: () =>
    new DomainException(409, OrganisationErrorCode.AlreadyMember, 'This person is already a member of the organisation', [
      { field: 'email', problem: 'is already a member' },
    ]),
  membershipNotFound: () => new DomainException(404, OrganisationErrorCode.MembershipNotFound, 'Membership not found'),
  notPending: () => new DomainException(409, OrganisationErrorCode.NotPending, 'This membership is active already; it cannot be declined'),
  /** Resending is for an invitation nobody has answered yet (pending, or no password chosen yet). */
  invitationAnswered: () =>
    new DomainException(409, OrganisationErrorCode.NotPending, 'This person has answered the invitation already; there is nothing to send again'),
  invitationResentRecently: (minutes: number) =>
    new DomainException(429, OrganisationErrorCode.InvitationResentRecently, `The invitation was sent less than ${minutes} minutes ago; try again later`),
  emailUnverified: () =>
    new DomainException(403, OrganisationErrorCode.EmailUnverified, 'Confirm your e-mail address first, or accept from the link in the mail'),
  lastAdmin: () =>
    new DomainException(409, OrganisationErrorCode.LastAdmin, 'An organisation keeps at least one org-admin', [
      { field: 'roles', problem: 'would remove the last org-admin' },
    ]),
};
