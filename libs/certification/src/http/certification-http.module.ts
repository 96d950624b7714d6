import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import { CertificationModule } from '../certification.module';
import { CertificateController } from './certificate.controller';
import { ChainReportController } from './chain-report.controller';
import { VerifyPageController } from './verify-page.controller';
import { VerifyController } from './verify.controller';

/** The HTTP side: certificates, public verification (API and page), the chain report. */
@Module({
  imports: [CertificationModule],
  controllers: [CertificateController, VerifyController, VerifyPageController, ChainReportController],
})
export class CertificationHttpModule implements NestModule {
  /** The PDF check takes the file itself as the body; only this route accepts one, up to 5 MB. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(raw({ type: 'application/pdf', limit: '5mb' })).forRoutes({ path: 'api/verify/:code/check', method: RequestMethod.POST });
  }
}
