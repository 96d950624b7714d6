import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RosterRow } from '../roster/roster.repository';

export class RosterEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional() waitlistPosition?: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) confirmedAt: string | null;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
}

export function toRosterEntry(r: RosterRow): RosterEntryResponse {
  return {
    id: r.id,
    userId: r.userId,
    name: r.name,
    email: r.email,
    status: r.status,
    ...(r.waitlistPosition !== null ? { waitlistPosition: r.waitlistPosition } : {}),
    createdAt: r.createdAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
  };
}
