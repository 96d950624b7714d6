import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '@schakel/catalogue';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { SESSION_ENROLMENT_CONTROLLERS, SESSION_ENROLMENT_PROVIDERS } from './session-enrolment.providers';
import { CompletionService } from './completion.service';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { Enrolment } from './entities/enrolment.entity';
import { Attendance, Completion, LessonProgress, QuizAttempt } from './entities/progress.entities';
import { OnlineEnrolmentService } from './online-enrolment.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enrolment, LessonProgress, QuizAttempt, Attendance, Completion, Course]), OrganisationModule, SessionModule],
  controllers: [EnrolmentController, ...SESSION_ENROLMENT_CONTROLLERS],
  providers: [CompletionService, EnrolmentRepository, EnrolmentService, OnlineEnrolmentService, ...SESSION_ENROLMENT_PROVIDERS],
  exports: [CompletionService, EnrolmentRepository],
})
export class EnrolmentModule {}
