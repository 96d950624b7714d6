import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '@schakel/catalogue';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { BulkEnrolmentService } from './bulk-enrolment.service';
import { CancellationService } from './cancellation.service';
import { CompletionService } from './completion.service';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { Enrolment } from './entities/enrolment.entity';
import { Attendance, Completion, LessonProgress, QuizAttempt } from './entities/progress.entities';
import { MyEnrolmentsRepository } from './my-enrolments.repository';
import { MyEnrolmentsService } from './my-enrolments.service';
import { OnlineEnrolmentService } from './online-enrolment.service';
import { MyEnrolmentsController, ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { SESSION_ENROLMENT_CONTROLLERS, SESSION_ENROLMENT_PROVIDERS } from './session-enrolment.providers';

@Module({
  imports: [
    TypeOrmModule.forFeature([Enrolment, LessonProgress, QuizAttempt, Attendance, Completion, Course]),
    OrganisationModule,
    SessionModule,
  ],
  controllers: [EnrolmentController, MyEnrolmentsController, ProgressController, ...SESSION_ENROLMENT_CONTROLLERS],
  providers: [
    BulkEnrolmentService, CompletionService, EnrolmentRepository, EnrolmentService, OnlineEnrolmentService,
    ProgressRepository, ProgressService, MyEnrolmentsRepository, MyEnrolmentsService,
    ...SESSION_ENROLMENT_PROVIDERS,
  ],
  exports: [CompletionService, EnrolmentRepository, CancellationService],
})
export class EnrolmentModule {}
