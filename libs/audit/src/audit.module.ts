import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log';

/** The audit log (who changed what, when); no controllers (AuditHttpModule). */
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
