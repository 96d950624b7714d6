import { DomainException } from '@schakel/common';

export const MessagingError = {
  badUnsubscribeToken: () => new DomainException(404, 'messaging.unknown-link', 'This link is not valid'),
  userNotFound: () => new DomainException(404, 'messaging.user-not-found', 'User not found'),
  notFound: () => new DomainException(404, 'messaging.not-found', 'Not found'),
};
