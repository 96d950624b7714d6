import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CertificateWithNames } from '../certificate.repository';
import { CERTIFICATE_STATUSES, certificateStatus, type CertificateStatus } from '../validity.rules';

/** What anyone with the code learns: no e-mail address, no internal id. */
export class VerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiPropertyOptional() revokedReason?: string;
  @ApiProperty() holderName: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ example: 'Schakel' }) issuer: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the genuine PDF' }) pdfSha256: string;
}

export class PdfCheckResponse {
  @ApiProperty({ description: 'true when the uploaded file is byte for byte the issued PDF' }) matches: boolean;
}

/** Only for an issued certificate (issuedAt and pdfSha256 are set then). */
export function toVerificationResponse({ certificate: c, holderName, courseTitle }: CertificateWithNames, issuer: string): VerificationResponse {
  const status = certificateStatus(c);
  return {
    valid: status === 'valid',
    status,
    ...(status === 'revoked' && c.revokedReason ? { revokedReason: c.revokedReason } : {}),
    holderName,
    courseTitle,
    issuer,
    issuedAt: (c.issuedAt as Date).toISOString(),
    validFrom: c.validFrom.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    pdfSha256: c.pdfSha256 as string,
  };
}
