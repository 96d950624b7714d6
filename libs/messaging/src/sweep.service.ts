import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';

/** A pending or failed delivery untouched for this long has lost its job: enqueue it again. */
export const STRANDED_AFTER_SECONDS = 60;

export interface SweepResult {
  due: number;
  stranded: number;
  released: number;
}

/**
 * messages.sweep: reminders, nudges and expiry notices come from PostgreSQL, not from
 * long-delayed jobs. Each run inserts the deliveries due now (their keys dedupe
 * concurrent sweeps) and enqueues them, plus any delivery whose job was lost; so a Redis
 * flush costs at most one sweep interval. Messages held by the daily limit are released
 * when their recipient has room again.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: DeliveryService,
    private readonly config: AppConfig,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const due = await this.deliveries.insertDue(now);
    const { claimLeaseSeconds, dailyLimit } = this.config.messaging;
    const stranded = await this.deliveries.findStranded(claimLeaseSeconds, STRANDED_AFTER_SECONDS);
    const released = await this.deliveries.releaseHeld(dailyLimit, claimLeaseSeconds);
    await this.delivery.enqueue([...due, ...stranded, ...released]);
    if (due.length + stranded.length + released.length > 0) {
      this.logger.log(`sweep: ${due.length} due, ${stranded.length} re-enqueued, ${released.length} held released`);
    }
    return { due: due.length, stranded: stranded.length, released: released.length };
  }
}
