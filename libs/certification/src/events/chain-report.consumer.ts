import { Injectable } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { ChainReportSummaryRepository } from '../chain-report-summary.repository';

/**
 * Keeps the chain report's summary (`chain_report_members`) in step with what it counts: every
 * event that changes a person's memberships, open enrolments or certificates refreshes that
 * person's rows from the source tables. A refresh recomputes rather than applies a change, so
 * a repeated, late or reordered event is harmless. (Moving between open states, such as a
 * promotion from the waitlist, changes nothing the report counts and is not handled.) A
 * completion and the certificate it gets are refreshed by CertificationEventConsumer, in the
 * job that issues the certificate. A course that was published, archived or re-tagged
 * refreshes everyone it counted or now counts for.
 */
@Injectable()
export class ChainReportEventConsumer implements EventConsumer {
  readonly name = 'chain-report';
  readonly queue = QueueName.Certificates;
  readonly handlers: EventHandlers;

  constructor(private readonly summary: ChainReportSummaryRepository) {
    const refresh = ({ userId }: { userId: string }) => this.summary.refreshPeople([userId]);
    this.handlers = {
      'member.invited': refresh,
      'membership.changed': refresh,
      'enrolment.started': refresh,
      'enrolment.confirmed': refresh,
      'enrolment.waitlisted': refresh,
      'enrolment.cancelled': refresh,
      'enrolment.settled': refresh,
      'session.cancelled': refresh,
      'certificate.revoked': refresh,
      'course.changed': ({ courseId }) => this.summary.refreshCourse(courseId),
    };
  }
}
