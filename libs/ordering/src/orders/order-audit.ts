import type { AuditLog } from '@schakel/audit';
import type { AuthUser } from '@schakel/identity';
import type { EntityManager } from 'typeorm';
import type { Order } from '../entities/order.entity';

/**
 * An order's change of state in the audit log (`order.<state>`), in the change's transaction:
 * who decided, and what the decision was about.
 */
export function auditOrder(audit: AuditLog, manager: EntityManager, actor: AuthUser, order: Order, details: Record<string, unknown> = {}): Promise<void> {
  return audit.record(manager, {
    actorId: actor.id,
    action: `order.${order.state}`,
    subjectType: 'order',
    subjectId: order.id,
    organisationId: order.organisationId,
    details: { kind: order.kind, courseId: order.courseId, ...(order.reason ? { reason: order.reason } : {}), ...details },
  });
}
