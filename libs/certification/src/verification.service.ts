import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { normaliseCertificateCode } from './certificate-code';
import { CertificateRepository, type CertificateWithNames } from './certificate.repository';
import { CertificationError } from './certification.exception';
import type { VerificationResponse } from './dto/certificate.dto';
import { ISSUER } from './render/certificate.renderer';
import { certificateStatus } from './validity';

/**
 * Public verification by code. Every code, well-formed or not, costs exactly one indexed
 * lookup, and every miss (unknown, not yet issued) is the same 404: the answer's shape and
 * time say nothing about which codes exist.
 */
@Injectable()
export class VerificationService {
  constructor(private readonly certificates: CertificateRepository) {}

  async verify(code: string): Promise<VerificationResponse> {
    const { certificate: c, holderName, courseTitle } = await this.find(code);
    const status = certificateStatus(c);
    return {
      valid: status === 'valid',
      status,
      ...(status === 'revoked' && c.revokedReason ? { revokedReason: c.revokedReason } : {}),
      holderName,
      courseTitle,
      issuer: ISSUER,
      issuedAt: (c.issuedAt as Date).toISOString(),
      validFrom: c.validFrom.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      pdfSha256: c.pdfSha256 as string,
    };
  }

  /** True when the uploaded bytes are exactly the issued PDF (an edited copy has another hash). */
  async checkPdf(code: string, body: unknown): Promise<{ matches: boolean }> {
    const { certificate } = await this.find(code);
    if (!Buffer.isBuffer(body) || body.length === 0) throw CertificationError.notAPdf();
    return { matches: createHash('sha256').update(body).digest('hex') === certificate.pdfSha256 };
  }

  private async find(code: string): Promise<CertificateWithNames> {
    const found = await this.certificates.findWithNames({ code: normaliseCertificateCode(code) });
    if (!found || found.certificate.state !== 'issued') throw CertificationError.notFound();
    return found;
  }
}
