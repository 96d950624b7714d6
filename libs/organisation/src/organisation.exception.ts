import { DomainException } from '@schakel/common';

/** Every code the organisation domain answers with; clients rely on them, so they never change. */
export enum OrganisationErrorCode {
  NotFound = 'organisation.not-found',
  MemberNotFound = 'organisation.member-not-found',
  AlreadyMember = 'organisation.already-member',
  LastAdmin = 'organisation.last-admin',
  RoleRequired = 'organisation.role-required',
}

export const OrganisationError = {
  notFound: () => new DomainException(404, OrganisationErrorCode.NotFound, 'Organisation not found'),
  memberNotFound: () => new DomainException(404, OrganisationErrorCode.MemberNotFound, 'Member not found'),
  alreadyMember: () =>
    new DomainException(409, OrganisationErrorCode.AlreadyMember, 'This person is already a member of the organisation', [
      { field: 'email', problem: 'is already a member' },
    ]),
  lastAdmin: () =>
    new DomainException(409, OrganisationErrorCode.LastAdmin, 'An organisation keeps at least one org-admin', [
      { field: 'roles', problem: 'would remove the last org-admin' },
    ]),
  roleRequired: (roles: readonly string[]) =>
    new DomainException(403, OrganisationErrorCode.RoleRequired, `This needs one of these roles in the organisation: ${roles.join(', ')}`),
};
