import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@schakel/jobs';
import { SeatLedger } from '@schakel/session';
import { EnrolmentError, licenceRefused } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';

/** Enrolment in the online part of a course: status `active` at once. */
@Injectable()
export class OnlineEnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly seats: SeatLedger,
    private readonly work: UnitOfWork,
  ) {}

  /** A second open enrolment in the course throws the unique violation; EnrolmentService answers it. */
  async enrol(request: EnrolmentRequest): Promise<EnrolmentResult> {
    if (request.licenceId) return this.enrolOnLicence(request, request.licenceId);
    if (request.inCompanyOnly) throw EnrolmentError.seatRequired();
    const enrolment = await this.enrolments.insertStarted({
      userId: request.learnerId,
      courseId: request.course.id,
      organisationId: request.organisationId,
      enrolledById: request.actorId,
    });
    this.work.eventsCommitted();
    return { enrolment, created: true };
  }

  /** The seat and the enrolment are one statement in the seat ledger. */
  private async enrolOnLicence(request: EnrolmentRequest, licenceId: string): Promise<EnrolmentResult> {
    const result = await this.seats.takeOnlineSeat({
      userId: request.learnerId,
      courseId: request.course.id,
      organisationId: request.organisationId,
      enrolledById: request.actorId,
      licenceId,
    });
    if (result.outcome !== 'enrolled') throw licenceRefused(result.outcome);
    const enrolment = await this.enrolments.findById(result.enrolmentId);
    if (!enrolment) throw EnrolmentError.enrolmentNotFound();
    return { enrolment, created: true };
  }
}
