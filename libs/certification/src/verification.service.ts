import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { normaliseCertificateCode } from './certificate-code';
import { CertificateRepository, type CertificateWithNames } from './certificate.repository';
import { CertificationError } from './certification.exception';
import { toVerificationResponse, type PdfCheckResponse, type VerificationResponse } from './dto/verification.dto';
import { ISSUER } from './render/certificate.renderer';

/**
 * Public verification by code. Every code, well-formed or not, costs exactly one indexed
 * lookup, and every miss (unknown, not yet issued) is the same 404: the answer's shape and
 * time say nothing about which codes exist.
 */
@Injectable()
export class VerificationService {
  constructor(private readonly certificates: CertificateRepository) {}

  async verify(code: string): Promise<VerificationResponse> {
    return toVerificationResponse(await this.find(code), ISSUER);
  }

  /** True when the uploaded bytes are exactly the issued PDF (an edited copy has another hash). */
  async checkPdf(code: string, body: unknown): Promise<PdfCheckResponse> {
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
