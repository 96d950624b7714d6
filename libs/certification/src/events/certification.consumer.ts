import { Injectable } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { CertificateIssueService, type IssueOutcome } from '../certificate-issue.service';
import { ChainReportSummaryRepository } from '../chain-report-summary.repository';

/**
 * Certification's part in the domain events: a completed course gets its one certificate, and
 * the chain report's summary counts both (the completion and the certificate) in the same job:
 * one refresh after the issue, also when the issue failed (the completion alone changed what
 * the report counts; the retry refreshes again). Handled here rather than by the chain
 * report's own consumer, which would take two more jobs and two more refreshes per certificate.
 */
@Injectable()
export class CertificationEventConsumer implements EventConsumer {
  readonly name = 'certification';
  readonly queue = QueueName.Certificates;
  readonly handlers: EventHandlers = {
    'course.completed': async ({ completionId, userId }) => {
      let outcome: IssueOutcome;
      try {
        outcome = await this.issuer.issue(completionId);
      } catch (error) {
        // The job fails with the issue's error, not with a failed refresh's.
        await this.refreshHolder(completionId, userId).catch(() => undefined);
        throw error;
      }
      await this.refreshHolder(completionId, userId);
      return outcome;
    },
  };

  constructor(
    private readonly issuer: CertificateIssueService,
    private readonly summary: ChainReportSummaryRepository,
  ) {}

  private async refreshHolder(completionId: string, userId: string | undefined): Promise<void> {
    const holder = userId ?? (await this.summary.userOfCompletion(completionId));
    if (holder) await this.summary.refreshPeople([holder]);
  }
}
