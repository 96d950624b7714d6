import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module';
import { AuditController } from './audit.controller';

/** GET /api/audit-log (platform admins). */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
})
export class AuditHttpModule {}
