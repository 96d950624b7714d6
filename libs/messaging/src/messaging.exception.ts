import { DomainException } from '@schakel/common';

/** A bad unsubscribe link is WebError.unknownLink() (@schakel/web): the one error for every signed link. */
export const MessagingError = {
  userNotFound: () => new DomainException(404, 'messaging.user-not-found', 'User not found'),
  notFound: () => new DomainException(404, 'messaging.not-found', 'Not found'),
};

/**
 * A message that cannot be composed yet (e.g. the certificate PDF is still pending). Not a
 * DomainException: the send job fails and BullMQ retries it later.
 */
export class NotReadyError extends Error {}
