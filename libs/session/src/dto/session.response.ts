import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_VISIBILITIES, type Session, type SessionStatus, type SessionVisibility } from '../entities/session.entity';
import type { Meeting } from '../entities/meeting.entity';

export class MeetingResponse {
  @ApiProperty({ format: 'uuid', description: 'stable: also the calendar UID' }) id: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ nullable: true }) title: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty({ nullable: true }) location: string | null;
  @ApiProperty({ nullable: true }) onlineUrl: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty() confirmedCount: number;
  @ApiProperty() waitlistCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ enum: SESSION_VISIBILITIES }) visibility: SessionVisibility;
  @ApiProperty({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ nullable: true }) enrolmentDeadline: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: SessionStatus;
  @ApiProperty() sequence: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ type: [MeetingResponse] }) meetings: MeetingResponse[];
  @ApiPropertyOptional({ type: [String], description: 'user ids of the trainers' }) trainerIds?: string[];
}

export function toMeetingResponse(m: Meeting): MeetingResponse {
  return {
    id: m.id,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    sequence: m.sequence,
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
  };
}

export function toSessionResponse(s: Session, meetings: Meeting[], trainerIds?: string[]): SessionResponse {
  return {
    id: s.id,
    courseId: s.courseId,
    title: s.title,
    timezone: s.timezone,
    location: s.location,
    onlineUrl: s.onlineUrl,
    capacity: s.capacity,
    confirmedCount: s.confirmedCount,
    waitlistCount: s.waitlistCount,
    seatsLeft: Math.max(0, s.capacity - s.confirmedCount),
    visibility: s.visibility,
    organisationId: s.organisationId,
    enrolmentDeadline: s.enrolmentDeadline?.toISOString() ?? null,
    status: s.status,
    sequence: s.sequence,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    meetings: meetings.map(toMeetingResponse),
    ...(trainerIds ? { trainerIds } : {}),
  };
}
