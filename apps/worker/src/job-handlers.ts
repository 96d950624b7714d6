import { Inject } from '@nestjs/common';
import { EventConsumerRegistry, OutboxRelay, type JobHandlers } from '@schakel/jobs';
import { DeliveryService, SweepService } from '@schakel/messaging';
import { MaintenanceService } from './maintenance.service';

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/**
 * Every job name mapped to the one service method that handles it. `satisfies JobHandlers`
 * makes a job without a handler a compile error (see job-handlers.type-spec.ts).
 */
export function composeJobHandlers(
  relay: OutboxRelay,
  events: EventConsumerRegistry,
  sweeps: SweepService,
  deliveries: DeliveryService,
  maintenance: MaintenanceService,
) {
  return {
    'outbox.relay': () => relay.relayDue(),
    'event.consume': (data, run) => events.consume(data, run.attempt),
    'messages.sweep': () => sweeps.sweep(),
    'message.send': ({ deliveryId }) => deliveries.deliver(deliveryId),
    'maintenance.sweep': () => maintenance.sweep(),
  } satisfies JobHandlers;
}

export const jobHandlersProvider = {
  provide: JOB_HANDLERS,
  inject: [OutboxRelay, EventConsumerRegistry, SweepService, DeliveryService, MaintenanceService],
  useFactory: composeJobHandlers,
};

/** Injects the composed handler map. */
export const InjectJobHandlers = (): ParameterDecorator => Inject(JOB_HANDLERS);
