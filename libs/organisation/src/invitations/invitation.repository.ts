import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Membership, type MembershipStatus } from '../entities/membership.entity';

/** A membership as far as its invitation goes: still open, or answered. */
export interface InvitationState {
  status: MembershipStatus;
  /** When the organisation added her: the first invitation went out then. */
  createdAt: Date;
  /** She chose a password (answered the welcome mail, or had an account already). */
  hasPassword: boolean;
}

@Injectable()
export class InvitationRepository {
  /**
   * Locks the membership row for the rest of the caller's transaction, so two resends of one
   * invitation take turns (the second sees the first one's audit entry); null when she is no member.
   */
  async lockMembership(manager: EntityManager, organisationId: string, userId: string): Promise<Pick<Membership, 'status' | 'createdAt'> | null> {
    return manager.getRepository(Membership).findOne({ where: { organisationId, userId }, select: { id: true, status: true, createdAt: true }, lock: { mode: 'pessimistic_write' } });
  }
}
