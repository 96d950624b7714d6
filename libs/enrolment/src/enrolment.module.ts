import { AuditModule } from '@schakel/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@schakel/access';
import { Course } from '@schakel/catalogue';
import { IdentityModule } from '@schakel/identity';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { AttendanceRepository } from './attendance/attendance.repository';
import { AttendanceService } from './attendance/attendance.service';
import { CancellationService } from './cancel/cancellation.service';
import { CompletionService } from './completion/completion.service';
import { BulkEnrolmentService } from './enrol/bulk-enrolment.service';
import { EnrolmentService } from './enrol/enrolment.service';
import { OnlineEnrolmentService } from './enrol/online-enrolment.service';
import { SessionEnrolmentService } from './enrol/session-enrolment.service';
import { EnrolmentRepository } from './enrolment.repository';
import { CompletionEventConsumer } from './events/completion.consumer';
import { ImportEventConsumer } from './events/import.consumer';
import { ImportEnrolmentRepository } from './import/import-enrolment.repository';
import { ImportEnrolments } from './import/import-enrolments';
import { ImportRunner } from './import/import-runner';
import { ImportRepository } from './import/import.repository';
import { ImportService } from './import/import.service';
import { Attendance } from './entities/attendance.entity';
import { Completion } from './entities/completion.entity';
import { Enrolment } from './entities/enrolment.entity';
import { LessonProgress } from './entities/lesson-progress.entity';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { MyEnrolmentsRepository } from './progress/my-enrolments.repository';
import { MyEnrolmentsService } from './progress/my-enrolments.service';
import { ProgressRepository } from './progress/progress.repository';
import { ProgressService } from './progress/progress.service';
import { RosterRepository } from './roster/roster.repository';
import { SessionRosterService } from './roster/session-roster.service';

const SERVICES = [
  EnrolmentService, OnlineEnrolmentService, SessionEnrolmentService, BulkEnrolmentService,
  CancellationService, SessionRosterService, AttendanceService, CompletionService, ProgressService, MyEnrolmentsService, ImportService, ImportRunner,
];

/** Enrolments, their seats (through the session lib's SeatLedger), progress and completion; no controllers (EnrolmentHttpModule). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Enrolment, LessonProgress, QuizAttempt, Attendance, Completion, Course]),
    AccessModule,
    AuditModule,
    IdentityModule,
    OrganisationModule,
    SessionModule,
  ],
  providers: [...SERVICES, ImportEventConsumer, CompletionEventConsumer, ImportRepository, ImportEnrolmentRepository, ImportEnrolments, EnrolmentRepository, RosterRepository, AttendanceRepository, ProgressRepository, MyEnrolmentsRepository],
  exports: [...SERVICES, ImportEventConsumer, CompletionEventConsumer, EnrolmentRepository],
})
export class EnrolmentModule {}
