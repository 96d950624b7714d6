import { DomainException } from '@schakel/common';

export const IdentityError = {
  emailTaken: () =>
    new DomainException(409, 'identity.email-taken', 'An account with this e-mail address already exists', [
      { field: 'email', problem: 'is already registered' },
    ]),
  badCredentials: () => new DomainException(401, 'identity.bad-credentials', 'E-mail address or password is wrong'),
  badToken: () => new DomainException(401, 'identity.bad-token', 'The access token is missing, invalid or expired'),
};
