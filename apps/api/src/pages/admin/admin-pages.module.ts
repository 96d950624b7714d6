import { Module } from '@nestjs/common';
import { AccessModule } from '@schakel/access';
import { AuditModule } from '@schakel/audit';
import { CertificationModule } from '@schakel/certification';
import { IdentityModule } from '@schakel/identity';
import { OrderingModule } from '@schakel/ordering';
import { OrganisationModule } from '@schakel/organisation';
import { AdminModule } from '../../admin/admin.module';
import { AdminPagesController } from './admin.controller';
import { queueDashboardModules } from './queue-dashboard';

/** "Beheer" (/admin) and the queue dashboard (/admin/queues): platform admins only. */
@Module({
  imports: [IdentityModule, AccessModule, AuditModule, CertificationModule, OrderingModule, OrganisationModule, AdminModule, ...queueDashboardModules()],
  controllers: [AdminPagesController],
})
export class AdminPagesModule {}
