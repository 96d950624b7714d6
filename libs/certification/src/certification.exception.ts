import { DomainException } from '@schakel/common';

/** Every code certification answers with; clients rely on them, so they never change. */
export enum CertificationErrorCode {
  NotFound = 'certification.not-found',
  PdfNotReady = 'certification.pdf-not-ready',
  AlreadyRevoked = 'certification.already-revoked',
  NotAPdf = 'certification.not-a-pdf',
}

export const CertificationError = {
  /** The same answer for an unknown id, someone else's certificate and an unknown code. */
  notFound: () => new DomainException(404, CertificationErrorCode.NotFound, 'Certificate not found'),
  pdfNotReady: () => new DomainException(404, CertificationErrorCode.PdfNotReady, 'The certificate PDF is not ready yet'),
  alreadyRevoked: () => new DomainException(409, CertificationErrorCode.AlreadyRevoked, 'This certificate was revoked already'),
  notAPdf: () =>
    new DomainException(400, CertificationErrorCode.NotAPdf, 'Send the PDF itself as the body, with Content-Type: application/pdf', [
      { field: 'body', problem: 'must be a PDF (application/pdf)' },
    ]),
};
