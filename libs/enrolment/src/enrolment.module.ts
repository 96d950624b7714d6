import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '@schakel/catalogue';
import { OrganisationModule } from '@schakel/organisation';
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

@Module({
  imports: [TypeOrmModule.forFeature([Enrolment, LessonProgress, QuizAttempt, Attendance, Completion, Course]), OrganisationModule],
  controllers: [EnrolmentController, MyEnrolmentsController, ProgressController],
  providers: [
    CompletionService, EnrolmentRepository, EnrolmentService, OnlineEnrolmentService,
    ProgressRepository, ProgressService, MyEnrolmentsRepository, MyEnrolmentsService,
  ],
  exports: [CompletionService, EnrolmentRepository],
})
export class EnrolmentModule {}
