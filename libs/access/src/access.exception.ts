import { DomainException } from '@schakel/common';

/**
 * The answers of the access rules that are not a domain's own. The codes keep the names they
 * had when the organisation lib answered them (clients rely on them).
 */
export const AccessError = {
  /** Not a member: the organisation's existence is not revealed. */
  organisationNotFound: () => new DomainException(404, 'organisation.not-found', 'Organisation not found'),
  roleRequired: (roles: readonly string[]) =>
    new DomainException(403, 'organisation.role-required', `This needs one of these roles in the organisation: ${roles.join(', ')}`),
};
