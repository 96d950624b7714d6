import { Module } from '@nestjs/common';
import { CatalogueModule } from '@schakel/catalogue';
import { CertificationModule } from '@schakel/certification';
import { EnrolmentModule } from '@schakel/enrolment';
import { IdentityModule } from '@schakel/identity';
import { MessagingModule } from '@schakel/messaging';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { CertificatesPageController } from './certificates-page.controller';
import { MyPathPageController } from './my-path.controller';
import { MyPathQuery } from './my-path.query';
import { PlayerPageController } from './player.controller';
import { SettingsPageController } from './settings-page.controller';

/** The learner's pages: "Mijn leerpad" (/me), the module player (/learn/:id), "Mijn certificaten", "Instellingen". */
@Module({
  imports: [CatalogueModule, CertificationModule, EnrolmentModule, IdentityModule, MessagingModule, OrganisationModule, SessionModule],
  controllers: [MyPathPageController, PlayerPageController, CertificatesPageController, SettingsPageController],
  providers: [MyPathQuery],
})
export class LearnerPagesModule {}
