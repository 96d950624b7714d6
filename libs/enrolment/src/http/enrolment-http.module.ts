import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { EnrolmentModule } from '../enrolment.module';
import { CancelLinkController } from './cancel-link.controller';
import { EnrolmentController } from './enrolment.controller';
import { ImportController } from './import.controller';
import { MyEnrolmentsController } from './my-enrolments.controller';
import { ProgressController } from './progress.controller';
import { SessionEnrolmentController } from './session-enrolment.controller';

/** The HTTP side of enrolment, for the API only: the JSON routes and the cancel link's page in mails. */
@Module({
  imports: [EnrolmentModule, IdentityModule],
  controllers: [EnrolmentController, MyEnrolmentsController, ProgressController, SessionEnrolmentController, CancelLinkController, ImportController],
})
export class EnrolmentHttpModule {}
