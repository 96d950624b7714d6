/**
 * The domain events: what happened, written to the outbox once, in the transaction of the
 * change. Each consumer (messaging, certification; later badges and learning records)
 * registers its own handlers, so adding a consumer edits no producer.
 *
 * Payloads carry ids only (no personal data in Redis); consumers reload the state and check
 * it still applies when they act.
 */
export interface DomainEvents {
  // enrolment
  'enrolment.confirmed': EnrolmentEvent;
  'enrolment.waitlisted': EnrolmentEvent;
  'enrolment.promoted': EnrolmentEvent;
  'enrolment.cancelled': EnrolmentEvent;
  /** An online enrolment began (status active; no mail): one person, one course. */
  'enrolment.started': { userId: string; courseId: string };
  /** The maintenance sweep closed an enrolment of an ended session (not-admitted, no-show). */
  'enrolment.settled': { enrolmentId: string; userId: string };
  /**
   * A learner completed a course (attendance and/or quiz): a completion row exists. `userId`
   * (hers) is absent from events written before it was added; consumers then look it up.
   */
  'course.completed': { completionId: string; userId?: string };
  /**
   * A course was published, archived or re-tagged with other chain roles: what it counts for
   * changed for everyone who holds one of its certificates or is enrolled in it.
   */
  'course.changed': { courseId: string };
  /**
   * A lesson was deleted from a course that learners may be taking: their progress on it went
   * with it, and a learner whose remaining steps are all done has now completed the course.
   */
  'lesson.removed': { courseId: string; lessonId: string };

  // session
  /** Sent per confirmed learner, with the session's SEQUENCE at the change. */
  'session.changed': SessionLearnerEvent;
  /** Sent per learner who held a seat or a place in line. */
  'session.cancelled': SessionLearnerEvent;

  // certification
  'certificate.issued': { certificateId: string; userId: string };
  'certificate.revoked': { certificateId: string; userId: string };

  // identity
  /** Someone asked for a password reset for an address that has an account; `requestId` makes each request its own mail. */
  'password.reset-requested': { userId: string; requestId: string };

  /** A new registration: its address must be proven by the mailed link. */
  'email.verification-requested': { userId: string; requestId: string };

  // organisation
  /** A person without a password was added to an organisation and must choose one. */
  'member.invited': InvitationEvent;
  /** A person who already had an account was added: the membership is pending until she accepts. */
  'membership.requested': InvitationEvent;
  /** An active membership began (accepted), changed its roles or chain roles, or ended (removed). */
  'membership.changed': { userId: string; organisationId: string };

  // imports
  /** An org admin uploaded people to import; the worker handles the rows. */
  'import.requested': { importId: string };

  // ordering
  /** An order changed state; sent per admin of the ordering organisation (userId). */
  'order.changed': { orderId: string; userId: string; state: OrderEventState };
}

export type OrderEventState = 'requested' | 'confirmed' | 'delivered' | 'rejected' | 'cancelled';

export type EventName = keyof DomainEvents;
export type EventPayload<E extends EventName> = DomainEvents[E];

export interface EnrolmentEvent {
  enrolmentId: string;
  userId: string;
  /** Set for enrolments in a live session. */
  sessionId?: string;
}

/** An organisation's invitation; `resend` numbers an org admin's resends (1, 2, …), absent on the first mail. */
export interface InvitationEvent {
  userId: string;
  organisationId: string;
  resend?: number;
}

export interface SessionLearnerEvent {
  sessionId: string;
  enrolmentId: string;
  userId: string;
  sequence: number;
}

/** A consumer's handlers: any subset of the events; each must be safe to run twice. */
export type EventHandlers = { [E in EventName]?: (payload: DomainEvents[E]) => Promise<unknown> };

/**
 * One consumer of domain events. The worker composes the list (EVENT_CONSUMERS); the relay
 * gives each consumer its own job on the consumer's queue, so one consumer's failure is
 * retried without running the others again.
 */
export interface EventConsumer {
  /** Stable: recorded per outbox row once the consumer has handled it. */
  readonly name: string;
  readonly queue: import('../queue-name').QueueName;
  readonly handlers: EventHandlers;
}

export const EVENT_CONSUMERS = Symbol('EVENT_CONSUMERS');
