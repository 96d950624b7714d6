import { DomainException } from '@schakel/common';

export const CertificationError = {
  /** The same answer for an unknown id, someone else's certificate and an unknown code. */
  notFound: () => new DomainException(404, 'certification.not-found', 'Certificate not found'),
  pdfNotReady: () => new DomainException(404, 'certification.pdf-not-ready', 'The certificate PDF is not ready yet'),
  alreadyRevoked: () => new DomainException(409, 'certification.already-revoked', 'This certificate was revoked already'),
  notAPdf: () =>
    new DomainException(400, 'certification.not-a-pdf', 'Send the PDF itself as the body, with Content-Type: application/pdf', [
      { field: 'body', problem: 'must be a PDF (application/pdf)' },
    ]),
};
