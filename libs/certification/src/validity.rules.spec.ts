import { certificateStatus, computeValidity, isWithinRenewalWindow } from './validity.rules';

const at = (iso: string) => new Date(iso);

describe('certificate validity and renewal', () => {
  it('runs from the completion for the course validity in months', () => {
    const v = computeValidity({ completedAt: at('2026-03-10T09:00:00Z'), validityMonths: 24, renewable: null });
    expect(v).toEqual({ validFrom: at('2026-03-10T09:00:00Z'), expiresAt: at('2028-03-10T09:00:00Z'), renewsCertificateId: null });
  });

  it('never expires without validity months', () => {
    expect(computeValidity({ completedAt: at('2026-03-10T09:00:00Z'), validityMonths: null, renewable: null }).expiresAt).toBeNull();
  });

  it('counts months on the Amsterdam calendar (end of month, summer time)', () => {
    // 31 January 10:00 in Amsterdam (winter) + 1 month = 28 February 10:00
    expect(computeValidity({ completedAt: at('2027-01-31T09:00:00Z'), validityMonths: 1, renewable: null }).expiresAt).toEqual(at('2027-02-28T09:00:00Z'));
    // 10 March 10:00 (CET) + 1 month = 10 April 10:00 (CEST), i.e. 08:00 UTC
    expect(computeValidity({ completedAt: at('2027-03-10T09:00:00Z'), validityMonths: 1, renewable: null }).expiresAt).toEqual(at('2027-04-10T08:00:00Z'));
  });

  it('renews from the old expiry when the old certificate expires within 90 days', () => {
    const old = { id: 'old', expiresAt: at('2026-05-01T10:00:00Z') };
    const v = computeValidity({ completedAt: at('2026-03-01T10:00:00Z'), validityMonths: 12, renewable: old });
    expect(v).toEqual({ validFrom: at('2026-05-01T10:00:00Z'), expiresAt: at('2027-05-01T10:00:00Z'), renewsCertificateId: 'old' });
  });

  it('does not renew too early, nor after the old certificate expired', () => {
    const completedAt = at('2026-03-01T10:00:00Z');
    const tooEarly = computeValidity({ completedAt, validityMonths: 12, renewable: { id: 'a', expiresAt: at('2026-06-01T10:00:00Z') } });
    expect(tooEarly.renewsCertificateId).toBeNull();
    expect(tooEarly.validFrom).toEqual(completedAt);
    const expired = computeValidity({ completedAt, validityMonths: 12, renewable: { id: 'b', expiresAt: at('2026-02-28T10:00:00Z') } });
    expect(expired.renewsCertificateId).toBeNull();
    expect(isWithinRenewalWindow(completedAt, at('2026-05-30T10:00:00Z'))).toBe(true);
    expect(isWithinRenewalWindow(completedAt, at('2026-05-30T10:00:01Z'))).toBe(false);
  });

  it('reports revoked before expired before valid', () => {
    const now = at('2026-03-01T00:00:00Z');
    expect(certificateStatus({ revokedAt: now, expiresAt: at('2020-01-01T00:00:00Z') }, now)).toBe('revoked');
    expect(certificateStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(certificateStatus({ revokedAt: null, expiresAt: null }, now)).toBe('valid');
    expect(certificateStatus({ revokedAt: null, expiresAt: at('2026-03-02T00:00:00Z') }, now)).toBe('valid');
  });
});
