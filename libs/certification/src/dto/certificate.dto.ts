import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { formatCertificateCode } from '../certificate-code';
import type { CertificateWithNames } from '../certificate.repository';
import { CERTIFICATE_STATUSES, certificateStatus, type CertificateStatus } from '../validity.rules';

export class RevokeCertificateDto {
  @ApiProperty({ description: 'Why the certificate no longer holds; shown to everyone who verifies it', maxLength: 500 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @MinLength(3) @MaxLength(500)
  reason: string;
}

/** The holder's (or their organisation admin's) view of a certificate. */
export class CertificateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The verification code, in groups of four' }) code: string;
  @ApiProperty({ enum: ['pending', 'issued'], description: 'pending until the PDF is made' }) state: 'pending' | 'issued';
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() holderName: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) renewsCertificateId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the PDF' }) pdfSha256: string | null;
  @ApiProperty({ description: 'The public verification page (also in the QR code)' }) verifyUrl: string;
}

export const toCertificateResponse = ({ certificate: c, holderName, courseTitle }: CertificateWithNames, verifyUrl: string): CertificateResponse => ({
  id: c.id,
  code: formatCertificateCode(c.code),
  state: c.state,
  status: certificateStatus(c),
  userId: c.userId,
  holderName,
  courseId: c.courseId,
  courseTitle,
  validFrom: c.validFrom.toISOString(),
  expiresAt: c.expiresAt?.toISOString() ?? null,
  issuedAt: c.issuedAt?.toISOString() ?? null,
  revokedAt: c.revokedAt?.toISOString() ?? null,
  revokedReason: c.revokedReason,
  renewsCertificateId: c.renewsCertificateId,
  pdfSha256: c.pdfSha256,
  verifyUrl,
});
