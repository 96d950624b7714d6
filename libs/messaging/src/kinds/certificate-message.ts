import { formatDate } from '@schakel/common';
import type { CertificateContext, Recipient } from '../message-context.repository';
import { NotReadyError } from '../messaging.exception';
import type { DraftTools, Skip } from './message-definition';

export interface CertificateMail {
  certificate: CertificateContext;
  data: { course: string; link: string; verifyUrl: string; expiresOn: string | undefined };
}

/** A live, issued certificate and its links; a pending one throws, so the send is retried once its PDF exists. */
export async function loadCertificateMail(certificateId: string | undefined, recipient: Recipient, { context, baseUrl }: DraftTools): Promise<CertificateMail | Skip> {
  const certificate = certificateId ? await context.certificate(certificateId) : null;
  if (!certificate) return { skip: 'certificate no longer exists' };
  if (certificate.revokedAt) return { skip: 'certificate revoked' };
  if (certificate.state !== 'issued') throw new NotReadyError(`certificate ${certificate.id} is not issued yet`);
  return {
    certificate,
    data: {
      course: certificate.courseTitle,
      link: `${baseUrl}/api/certificates/${certificate.id}/pdf`,
      verifyUrl: `${baseUrl}/api/verify/${certificate.code}`,
      expiresOn: certificate.expiresAt ? formatDate(new Date(certificate.expiresAt), recipient.locale) : undefined,
    },
  };
}
