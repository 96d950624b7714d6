import { DomainException } from '@schakel/common';

export const OrganisationError = {
  notFound: () => new DomainException(404, 'organisation.not-found', 'Organisation not found'),
  memberNotFound: () => new DomainException(404, 'organisation.member-not-found', 'Member not found'),
  alreadyMember: () =>
    new DomainException(409, 'organisation.already-member', 'This person is already a member of the organisation', [
      { field: 'email', problem: 'is already a member' },
    ]),
  lastAdmin: () =>
    new DomainException(409, 'organisation.last-admin', 'An organisation keeps at least one org-admin', [
      { field: 'roles', problem: 'would remove the last org-admin' },
    ]),
  roleRequired: (roles: readonly string[]) =>
    new DomainException(403, 'organisation.role-required', `This needs one of these roles in the organisation: ${roles.join(', ')}`),
};
