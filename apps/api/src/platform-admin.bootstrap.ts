import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { IdentityService } from '@schakel/identity';

/** Makes sure the platform admin named by ADMIN_EMAIL / ADMIN_PASSWORD exists. */
@Injectable()
export class PlatformAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlatformAdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly identity: IdentityService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.admin) return;
    await this.identity.ensurePlatformAdmin(this.config.admin.email, this.config.admin.password);
    this.logger.log(`platform admin ${this.config.admin.email} is in place`);
  }
}
