import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdentityService, PasswordHasher, UserRepository } from '@schakel/identity';
import { Membership, Organisation } from '@schakel/organisation';
import { DEMO_ADMIN, DEMO_MEMBERS, DEMO_ORGANISATION, DEMO_PASSWORD } from './demo-accounts';
import { seedDemoCatalogue } from './demo-catalogue.seeder';

/** Seeds the demo organisation and its people; running it twice changes nothing. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async seed(): Promise<void> {
    await this.identity.ensurePlatformAdmin(DEMO_ADMIN.email, DEMO_PASSWORD, DEMO_ADMIN.name);
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      // One seeder at a time, even with several launchers on one database.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('schakel-demo-seed'))`);
      let organisation = await manager.getRepository(Organisation).findOneBy({ name: DEMO_ORGANISATION.name });
      organisation ??= await manager.getRepository(Organisation).save(DEMO_ORGANISATION);
      for (const member of DEMO_MEMBERS) {
        const user =
          (await this.users.findByEmail(member.email, manager)) ??
          (await this.users.insert(
            { email: member.email, name: member.name, passwordHash, locale: 'nl', isPlatformAdmin: false, emailVerifiedAt: new Date() },
            manager,
          ));
        await manager
          .createQueryBuilder()
          .insert()
          .into(Membership)
          .values({ organisationId: organisation.id, userId: user.id, roles: member.roles, chainRoles: member.chainRoles })
          .orIgnore()
          .execute();
      }
      const trainer = DEMO_MEMBERS.find((m) => m.roles.includes('trainer'));
      const author = trainer ? await this.users.findByEmail(trainer.email, manager) : null;
      // The demo trainer authors the catalogue and schedules open sessions: a platform trainer.
      if (author) await manager.query(`UPDATE users SET platform_roles = ARRAY['trainer'] WHERE id = $1`, [author.id]);
      await seedDemoCatalogue(manager, author?.id ?? null);
    });
    this.logger.log('demo data is in place');
  }
}
