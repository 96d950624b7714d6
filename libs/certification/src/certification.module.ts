import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { raw } from 'express';
import { AppConfig } from '@schakel/config';
import { OrganisationModule } from '@schakel/organisation';
import { CertificateController } from './certificate.controller';
import { CertificateIssueService } from './certificate-issue.service';
import { CertificateRepository } from './certificate.repository';
import { CertificateService } from './certificate.service';
import { ChainReportController } from './chain-report.controller';
import { ChainReportRepository } from './chain-report.repository';
import { ChainReportService } from './chain-report.service';
import { Certificate } from './entities/certificate.entity';
import { CertificationEventConsumer } from './events/certification.consumer';
import { CertificateRenderer } from './render/certificate.renderer';
import { CERTIFICATE_STORAGE } from './storage/certificate.storage';
import { LocalFolderStorage } from './storage/local-folder.storage';
import { VerificationService } from './verification.service';
import { VerifyController, VerifyPageController } from './verify.controller';

/** Issuing, rendering and storing: what the worker needs (no HTTP). */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate])],
  providers: [
    CertificateRepository,
    CertificateIssueService,
    CertificationEventConsumer,
    { provide: CertificateRenderer, inject: [AppConfig], useFactory: (config: AppConfig) => new CertificateRenderer(config.publicBaseUrl) },
    // Replace this binding to keep PDFs in an S3-compatible store; nothing else changes.
    { provide: CERTIFICATE_STORAGE, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFolderStorage(config.storageDir) },
  ],
  exports: [CertificateRepository, CertificateIssueService, CertificationEventConsumer, CertificateRenderer, CERTIFICATE_STORAGE],
})
export class CertificationCoreModule {}

/** The HTTP side: certificates, public verification, the chain report. */
@Module({
  imports: [CertificationCoreModule, OrganisationModule],
  controllers: [CertificateController, VerifyController, VerifyPageController, ChainReportController],
  providers: [CertificateService, VerificationService, ChainReportService, ChainReportRepository],
})
export class CertificationModule implements NestModule {
  /** The PDF check takes the file itself as the body; only this route accepts one, up to 5 MB. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(raw({ type: 'application/pdf', limit: '5mb' })).forRoutes({ path: 'api/verify/:code/check', method: RequestMethod.POST });
  }
}
