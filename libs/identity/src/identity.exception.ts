import { DomainException } from '@schakel/common';

/** Every code identity answers with; clients rely on them, so they never change. */
export enum IdentityErrorCode {
  EmailTaken = 'identity.email-taken',
  BadCredentials = 'identity.bad-credentials',
  BadToken = 'identity.bad-token',
  ResetLinkInvalid = 'identity.reset-link-invalid',
  UserNotFound = 'identity.user-not-found',
  VerifyLinkInvalid = 'identity.verify-link-invalid',
}

export const IdentityError = {
  emailTaken: () =>
    new DomainException(409, IdentityErrorCode.EmailTaken, 'An account with this e-mail address already exists', [
      { field: 'email', problem: 'is already registered' },
    ]),
  badCredentials: () => new DomainException(401, IdentityErrorCode.BadCredentials, 'E-mail address or password is wrong'),
  verifyLinkInvalid: () =>
    new DomainException(400, IdentityErrorCode.VerifyLinkInvalid, 'This verification link is invalid or expired', [
      { field: 'token', problem: 'is invalid or expired' },
    ]),
  userNotFound: () => new DomainException(404, IdentityErrorCode.UserNotFound, 'User not found'),
  resetLinkInvalid: () =>
    new DomainException(400, IdentityErrorCode.ResetLinkInvalid, 'This reset link is invalid, expired or used already', [
      { field: 'token', problem: 'is invalid, expired or used already' },
    ]),
  badToken: () => new DomainException(401, IdentityErrorCode.BadToken, 'The access token is missing, invalid or expired'),
};
