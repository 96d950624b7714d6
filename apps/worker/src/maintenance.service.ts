import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { OutboxRepository } from '@schakel/jobs';
import { MessagingRetention } from '@schakel/messaging';
import { SeatLedger } from '@schakel/session';

export interface MaintenanceResult {
  notAdmitted: number;
  noShow: number;
  outboxEvents: number;
  deliveries: number;
  caughtMails: number;
}

/**
 * maintenance.sweep: the worker's housekeeping, one lib call each. Every step is one
 * idempotent statement, so two workers sweeping at once only share the work.
 */
@Injectable()
export class MaintenanceService {
  private readonly logger = new Logger(MaintenanceService.name);

  constructor(
    private readonly seats: SeatLedger,
    private readonly outbox: OutboxRepository,
    private readonly messaging: MessagingRetention,
    private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<MaintenanceResult> {
    const { notAdmitted, noShow } = await this.seats.settleEnded();
    const outboxEvents = await this.outbox.purgeProcessed(this.config.retentionDays);
    const { deliveries, caughtMails } = await this.messaging.purge(this.config.retentionDays);
    const result = { notAdmitted, noShow, outboxEvents, deliveries, caughtMails };
    if (Object.values(result).some((n) => n > 0)) this.logger.log(`maintenance: ${JSON.stringify(result)}`);
    return result;
  }
}
