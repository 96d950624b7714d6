import { expiryWindowAt } from '../message-windows.rules';
import { loadCertificateMail } from './certificate-message';
import type { MessageDefinition } from './message-definition';

/** Sixty and fourteen days before a certificate expires (the sweep decides it: DUE_EXPIRY_NOTICES_SQL builds the same key). */
export const certificateExpiring = {
  kind: 'certificate-expiring',
  template: 'certificate-expiring',
  nudge: false,
  dailyLimited: true,
  key: ({ certificateId, window }) => `certificate-expiring:${window}:${certificateId}`,
  async draft(subject, recipient, tools, now) {
    const mail = await loadCertificateMail(subject.certificateId, recipient, tools);
    if ('skip' in mail) return mail;
    const { expiresAt } = mail.certificate;
    const window = expiresAt ? expiryWindowAt(new Date(expiresAt), now) : null;
    if (window !== subject.window) return { skip: `expiry window ${subject.window} no longer applies` };
    return { data: mail.data };
  },
} satisfies MessageDefinition<'certificate-expiring'>;
