import { Injectable } from '@nestjs/common';
import { EnrolmentRepository } from '../enrolment.repository';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';

/** Enrolment in the online part of a course: status `active` at once. */
@Injectable()
export class OnlineEnrolmentService {
  constructor(private readonly enrolments: EnrolmentRepository) {}

  /** A second open enrolment in the course throws the unique violation; EnrolmentService answers it. */
  async enrol(request: EnrolmentRequest): Promise<EnrolmentResult> {
    const enrolment = await this.enrolments.insert({
      userId: request.learnerId,
      courseId: request.course.id,
      organisationId: request.organisationId,
      enrolledById: request.actorId,
      status: 'active',
    });
    return { enrolment, created: true };
  }
}
