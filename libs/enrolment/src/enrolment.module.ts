import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '@schakel/catalogue';
import { CompletionService } from './completion.service';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { Enrolment } from './entities/enrolment.entity';
import { Attendance, Completion, LessonProgress, QuizAttempt } from './entities/progress.entities';
import { OnlineEnrolmentService } from './online-enrolment.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enrolment, LessonProgress, QuizAttempt, Attendance, Completion, Course])],
  controllers: [EnrolmentController],
  providers: [CompletionService, EnrolmentRepository, EnrolmentService, OnlineEnrolmentService],
  exports: [CompletionService, EnrolmentRepository],
})
export class EnrolmentModule {}
