import { DomainException } from '@schakel/common';

export const WebError = {
  /** A signed link that is not ours, or for another purpose. The code predates the move out of messaging; clients may rely on it. */
  unknownLink: () => new DomainException(404, 'messaging.unknown-link', 'This link is not valid'),
  /** A page form without the CSRF token of its session: sent from elsewhere, or open so long that the session ended. */
  formExpired: () => new DomainException(403, 'web.form-expired', 'This form has expired; open the page again'),
  /** A page that does not exist, or a record the person may not see (the same answer, so nothing leaks). */
  notFound: () => new DomainException(404, 'web.not-found', 'Not found'),
};
