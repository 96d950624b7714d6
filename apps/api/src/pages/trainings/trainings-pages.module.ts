import { Module } from '@nestjs/common';
import { EnrolmentModule } from '@schakel/enrolment';
import { SessionModule } from '@schakel/session';
import { MyTrainingsQuery } from './my-trainings.query';
import { TrainingsPagesController } from './trainings-pages.controller';

/** "Mijn trainingen" (/me/trainings): enrolments, calendar files, cancelling with a confirm step. */
@Module({
  imports: [EnrolmentModule, SessionModule],
  controllers: [TrainingsPagesController],
  providers: [MyTrainingsQuery],
})
export class TrainingsPagesModule {}
