import type { DomainEvents } from '@schakel/jobs';
import { loadCertificateMail } from './certificate-message';
import type { EventMessageDefinition } from './message-definition';

/** The certificate with its PDF and verification links. */
export const certificateIssued = {
  kind: 'certificate-issued',
  template: 'certificate-issued',
  nudge: false,
  dailyLimited: false,
  key: ({ certificateId }) => `certificate-issued:${certificateId}`,
  decide: async (e) => ({ userId: e.userId, subject: { certificateId: e.certificateId } }),
  async draft(subject, recipient, tools) {
    const mail = await loadCertificateMail(subject.certificateId, recipient, tools);
    return 'skip' in mail ? mail : { data: mail.data };
  },
} satisfies EventMessageDefinition<'certificate-issued', DomainEvents['certificate.issued']>;
