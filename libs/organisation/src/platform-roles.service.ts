import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@schakel/audit';
import { IdentityService, type AuthUser, type PlatformRole } from '@schakel/identity';

/** Granting platform-wide roles (platform admins only, by route), recorded in the audit log in the same transaction. */
@Injectable()
export class PlatformRolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly audit: AuditLog,
  ) {}

  async set(actor: AuthUser, userId: string, roles: PlatformRole[]): Promise<PlatformRole[]> {
    const wanted = [...new Set(roles)];
    await this.dataSource.transaction(async (manager) => {
      const before = await this.identity.setPlatformRoles(manager, userId, wanted);
      await this.audit.record(manager, { actorId: actor.id, action: 'platform-roles.set', subjectType: 'user', subjectId: userId, details: { before, after: wanted } });
    });
    return wanted;
  }
}
