import { JOB_ROUTES, type EventConsumerRegistry, type JobHandlers, type OutboxRelay } from '@schakel/jobs';
import type { DeliveryService, SweepService } from '@schakel/messaging';
import { composeJobHandlers } from './job-handlers';
import type { MaintenanceService } from './maintenance.service';

const noop = async (): Promise<void> => undefined;

/**
 * Checked by `npm run typecheck` (part of `npm test`): a handler map that misses a job name
 * does not compile. If `satisfies JobHandlers` stopped catching it, this `@ts-expect-error`
 * would be unused, which is a compile error as well.
 */
const incomplete = {
  'outbox.relay': noop,
  'event.consume': noop,
  'messages.sweep': noop,
  'maintenance.sweep': noop,
  // 'message.send' is missing:
  // @ts-expect-error a job without a handler fails the build
} satisfies JobHandlers;

describe('the worker job handler map', () => {
  it('handles every job name of the catalogue, and nothing else', () => {
    const composed = composeJobHandlers({} as OutboxRelay, {} as EventConsumerRegistry, {} as SweepService, {} as DeliveryService, {} as MaintenanceService);
    expect(Object.keys(composed).sort()).toEqual(Object.keys(JOB_ROUTES).sort());
    expect(Object.keys(incomplete)).not.toContain('message.send');
  });
});
