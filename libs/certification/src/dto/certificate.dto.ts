import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import type { CertificateStatus } from '../validity';

const STATUSES = ['valid', 'expired', 'revoked'];

export class RevokeCertificateDto {
  @ApiProperty({ description: 'Why the certificate no longer holds; shown to everyone who verifies it', maxLength: 500 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @MinLength(3) @MaxLength(500)
  reason: string;
}

export class ChainReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** The holder's (or their organisation admin's) view of a certificate. */
export class CertificateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The verification code, in groups of four' }) code: string;
  @ApiProperty({ enum: ['pending', 'issued'], description: 'pending until the PDF is made' }) state: 'pending' | 'issued';
  @ApiProperty({ enum: STATUSES }) status: CertificateStatus;
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

/** What anyone with the code learns: no e-mail address, no internal id. */
export class VerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ enum: STATUSES }) status: CertificateStatus;
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

export class ChainRoleRow {
  @ApiProperty({ enum: CHAIN_ROLES }) chainRole: ChainRole;
  @ApiProperty({ description: 'Members with this chain role' }) assigned: number;
  @ApiProperty({ description: '… holding a valid certificate of a published course for this role' }) certified: number;
  @ApiProperty({ description: '… not certified, with an open enrolment in such a course' }) inProgress: number;
  @ApiProperty({ description: '… certified, but every such certificate expires within 60 days' }) expiringSoon: number;
}

export class ChainReportResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [ChainRoleRow] }) roles: ChainRoleRow[];
}
