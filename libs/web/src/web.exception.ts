import { DomainException } from '@schakel/common';

export const WebError = {
  /** A signed link that is not ours, or for another purpose. The code predates the move out of messaging; clients may rely on it. */
  unknownLink: () => new DomainException(404, 'messaging.unknown-link', 'This link is not valid'),
};
