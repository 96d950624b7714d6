import { Injectable } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { CertificateIssueService } from '../certificate-issue.service';

/** Certification's part in the domain events: a completed course gets its one certificate. */
@Injectable()
export class CertificationEventConsumer implements EventConsumer {
  readonly name = 'certification';
  readonly queue = QueueName.Certificates;
  readonly handlers: EventHandlers = {
    'course.completed': ({ completionId }) => this.issuer.issue(completionId),
  };

  constructor(private readonly issuer: CertificateIssueService) {}
}
