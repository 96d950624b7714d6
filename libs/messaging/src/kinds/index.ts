import { certificateExpiring } from './certificate-expiring.message';
import { certificateIssued } from './certificate-issued.message';
import { enrolmentCancelled } from './enrolment-cancelled.message';
import { enrolmentConfirmed } from './enrolment-confirmed.message';
import { enrolmentPromoted } from './enrolment-promoted.message';
import { enrolmentWaitlisted } from './enrolment-waitlisted.message';
import { memberInvited } from './member-invited.message';
import { membershipRequested } from './membership-requested.message';
import type { MessageDefinition, MessageKind } from './message-definition';
import { moduleNudge } from './module-nudge.message';
import { passwordReset } from './password-reset.message';
import { verifyEmail } from './verify-email.message';
import { orderChanged } from './order-changed.message';
import { sessionCancelled } from './session-cancelled.message';
import { sessionChanged } from './session-changed.message';
import { sessionReminder } from './session-reminder.message';

export * from './message-definition';

/** Every kind of message, one definition each: a kind without one does not build. */
export const MESSAGES = {
  'enrolment-confirmed': enrolmentConfirmed,
  'enrolment-waitlisted': enrolmentWaitlisted,
  'enrolment-promoted': enrolmentPromoted,
  'enrolment-cancelled': enrolmentCancelled,
  'session-changed': sessionChanged,
  'session-cancelled': sessionCancelled,
  'session-reminder': sessionReminder,
  'module-nudge': moduleNudge,
  'certificate-issued': certificateIssued,
  'certificate-expiring': certificateExpiring,
  'member-invited': memberInvited,
  'membership-requested': membershipRequested,
  'password-reset': passwordReset,
  'verify-email': verifyEmail,
  'order-changed': orderChanged,
} satisfies { [K in MessageKind]: MessageDefinition<K> };

export const MESSAGE_KINDS = Object.keys(MESSAGES) as MessageKind[];

/** Delivery rows store the kind as text; rows of a kind this version does not know are skipped, not guessed. */
export function isMessageKind(kind: string): kind is MessageKind {
  return Object.hasOwn(MESSAGES, kind);
}

/** The definition of a stored kind, typed for any kind (the row's subject was made by the same kind's key). */
export function messageDefinition(kind: MessageKind): MessageDefinition<MessageKind> {
  return MESSAGES[kind];
}
