import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@schakel/common';
import { EnrolmentError } from './enrolment.exception';
import { EnrolmentRepository } from './enrolment.repository';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';

/** Enrolment in the online part of a course: status `active` at once. */
@Injectable()
export class OnlineEnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
  ) {}

  async enrol(request: EnrolmentRequest): Promise<EnrolmentResult> {
    try {
      const enrolment = await this.dataSource.transaction((manager) =>
        this.enrolments.insert(manager, {
          userId: request.learnerId,
          courseId: request.course.id,
          organisationId: request.organisationId,
          enrolledById: request.actorId,
          status: 'active',
        }),
      );
      return { enrolment, created: true };
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_enrolments_open_per_course')) throw error;
      // The same request again (a retry, a double click) gets the same enrolment back.
      const existing = await this.enrolments.findOpen(request.learnerId, request.course.id);
      if (existing && existing.sessionId === null) return { enrolment: existing, created: false };
      throw EnrolmentError.alreadyEnrolled();
    }
  }
}
