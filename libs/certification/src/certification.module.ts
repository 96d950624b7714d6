import { AuditModule } from '@schakel/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@schakel/config';
import { AccessModule } from '@schakel/access';
import { OrganisationModule } from '@schakel/organisation';
import { CertificateIssueService } from './certificate-issue.service';
import { CertificateRepository } from './certificate.repository';
import { CertificateService } from './certificate.service';
import { ChainReportRepository } from './chain-report.repository';
import { ChainReportSummaryRepository } from './chain-report-summary.repository';
import { ChainReportService } from './chain-report.service';
import { Certificate } from './entities/certificate.entity';
import { CertificationEventConsumer } from './events/certification.consumer';
import { ChainReportEventConsumer } from './events/chain-report.consumer';
import { CertificateRenderer } from './render/certificate.renderer';
import { CERTIFICATE_STORAGE } from './storage/certificate.storage';
import { LocalFolderStorage } from './storage/local-folder.storage';
import { VerificationService } from './verification.service';

/** Issuing, rendering, storing, verifying and reporting certificates. No HTTP: see CertificationHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate]), OrganisationModule, AccessModule, AuditModule],
  providers: [
    CertificateRepository,
    CertificateIssueService,
    CertificateService,
    VerificationService,
    ChainReportService,
    ChainReportRepository,
    ChainReportSummaryRepository,
    CertificationEventConsumer,
    ChainReportEventConsumer,
    { provide: CertificateRenderer, inject: [AppConfig], useFactory: (config: AppConfig) => new CertificateRenderer(config.publicBaseUrl) },
    // Replace this binding to keep PDFs in an S3-compatible store; nothing else changes.
    { provide: CERTIFICATE_STORAGE, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFolderStorage(config.storageDir) },
  ],
  exports: [
    CertificateRepository,
    CertificateIssueService,
    CertificateService,
    VerificationService,
    ChainReportService,
    CertificationEventConsumer,
    ChainReportEventConsumer,
    ChainReportRepository,
    ChainReportSummaryRepository,
    CertificateRenderer,
    CERTIFICATE_STORAGE,
  ],
})
export class CertificationModule {}
