import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { JobProducer } from '@schakel/jobs';
import { DeliveryRepository, MAX_DELIVERY_ATTEMPTS, type DeliveryRef } from './delivery.repository';
import { MailerService } from './mailer.service';
import { MESSAGE_KINDS, MESSAGES } from './kinds';
import { MessageComposer } from './message.composer';

export type DeliveryOutcome = 'sent' | 'held' | 'skipped' | 'not-ours';

const LIMITED_KINDS: readonly string[] = MESSAGE_KINDS.filter((kind) => MESSAGES[kind].dailyLimited);

/**
 * Sends one delivery at most once: claim (PostgreSQL) → compose and re-check → SMTP
 * (outside any transaction) → mark sent. A crash between SMTP and the mark leaves a
 * claim that nobody takes over before its lease ends (MESSAGE_CLAIM_LEASE_SECONDS); only
 * then is the mail tried again. That is the one place where a duplicate is possible,
 * traded against never losing a message; duplicate jobs, retries and parallel workers
 * within the lease never send twice.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly composer: MessageComposer,
    private readonly mailer: MailerService,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const { claimLeaseSeconds, dailyLimit } = this.config.messaging;
    const claim = await this.deliveries.claim(deliveryId, claimLeaseSeconds, { limitedKinds: LIMITED_KINDS, perDay: dailyLimit });
    if (claim.outcome === 'not-ours') return 'not-ours';
    const { delivery } = claim;
    if (claim.outcome === 'held') {
      this.logger.warn(`held ${delivery.key}: recipient ${delivery.userId} already had ${claim.sentToday} message(s) in 24 h (limit ${dailyLimit})`);
      return 'held';
    }
    try {
      const composition = await this.composer.compose(delivery);
      if ('skip' in composition) {
        await this.deliveries.finish(delivery, 'skipped', composition.skip);
        this.logger.log(`skipped ${delivery.key}: ${composition.skip}`);
        return 'skipped';
      }
      await this.mailer.send(composition.mail);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.deliveries.finish(delivery, 'failed', message);
      if (delivery.attempts >= MAX_DELIVERY_ATTEMPTS) this.logger.error(`gave up on ${delivery.key} after ${delivery.attempts} attempts: ${message}`);
      throw error;
    }
    await this.deliveries.markSent(delivery);
    return 'sent';
  }

  /** One job per delivery; the id follows the attempt count so a finished job never shadows a retry. */
  async enqueue(refs: DeliveryRef[]): Promise<void> {
    const backoff = { type: 'exponential', delay: this.config.messaging.retryDelayMs };
    await this.producer.enqueueMany(
      'message.send',
      refs.map((ref) => ({ data: { deliveryId: ref.id }, options: { jobId: `msg.${ref.id}.${ref.attempts}`, backoff } })),
    );
  }
}
