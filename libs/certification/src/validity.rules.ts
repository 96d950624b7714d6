import { DateTime } from 'luxon';
import { DISPLAY_ZONE } from '@schakel/common';

/** A certificate that expires within this many days of a completion may be renewed by it. */
export const RENEWAL_WINDOW_DAYS = 90;
/** The chain report's "expiring soon". */
export const EXPIRING_SOON_DAYS = 60;

export const CERTIFICATE_STATUSES = ['valid', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export interface RenewableCertificate {
  id: string;
  expiresAt: Date;
}

export interface Validity {
  validFrom: Date;
  expiresAt: Date | null;
  renewsCertificateId: string | null;
}

/** True when `expiresAt` is still ahead of the completion, by at most the renewal window. */
export function isWithinRenewalWindow(completedAt: Date, expiresAt: Date, windowDays = RENEWAL_WINDOW_DAYS): boolean {
  const limit = DateTime.fromJSDate(completedAt).plus({ days: windowDays }).toJSDate();
  return expiresAt > completedAt && expiresAt <= limit;
}

/**
 * The validity rule (docs/ARCHITECTURE.md, Certification):
 * - validFrom is the completion moment, or, for a renewal, the old certificate's expiry
 *   (so renewing early never costs the holder any days);
 * - expiresAt is validFrom plus the course's validity in calendar months, counted on the
 *   Amsterdam wall clock (31 January + 1 month = 28/29 February); null months: never expires.
 */
export function computeValidity(input: {
  completedAt: Date;
  validityMonths: number | null;
  renewable: RenewableCertificate | null;
}): Validity {
  const renewal = input.renewable && isWithinRenewalWindow(input.completedAt, input.renewable.expiresAt) ? input.renewable : null;
  const validFrom = renewal ? renewal.expiresAt : input.completedAt;
  const expiresAt =
    input.validityMonths === null
      ? null
      : DateTime.fromJSDate(validFrom).setZone(DISPLAY_ZONE).plus({ months: input.validityMonths }).toJSDate();
  return { validFrom, expiresAt, renewsCertificateId: renewal?.id ?? null };
}

/** What a verifier is told. A renewal whose validity starts later is valid already: it is genuine and unrevoked. */
export function certificateStatus(certificate: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): CertificateStatus {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.expiresAt && certificate.expiresAt <= now) return 'expired';
  return 'valid';
}
