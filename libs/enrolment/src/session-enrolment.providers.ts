import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CancellationService } from './cancellation.service';
import { SessionEnrolmentController } from './session-enrolment.controller';
import { SessionEnrolmentRepository } from './session-enrolment.repository';
import { SessionEnrolmentService } from './session-enrolment.service';
import { SessionRosterService } from './session-roster.service';

/** The session side of enrolment, kept in one list so the module file stays small. */
export const SESSION_ENROLMENT_PROVIDERS = [
  SessionEnrolmentService, SessionEnrolmentRepository, CancellationService, SessionRosterService, AttendanceService, AttendanceRepository,
];
export const SESSION_ENROLMENT_CONTROLLERS = [SessionEnrolmentController];
