import { ApiProperty } from '@nestjs/swagger';
import type { Licence } from '../entities/licence.entity';

export class LicenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ description: 'seats bought' }) seats: number;
  @ApiProperty({ description: 'seats in use' }) used: number;
  @ApiProperty({ description: 'seats left' }) left: number;
  @ApiProperty({ nullable: true }) expiresAt: string | null;
  @ApiProperty({ description: 'false once expired' }) valid: boolean;
  @ApiProperty({ format: 'uuid', nullable: true }) orderId: string | null;
}

export class LicenceListResponse {
  @ApiProperty({ type: [LicenceResponse] }) items: LicenceResponse[];
  @ApiProperty() total: number;
}

export function toLicenceResponse(l: Licence, now = new Date()): LicenceResponse {
  return {
    id: l.id,
    courseId: l.courseId,
    seats: l.seats,
    used: l.used,
    left: l.seats - l.used,
    expiresAt: l.expiresAt?.toISOString() ?? null,
    valid: !l.expiresAt || l.expiresAt > now,
    orderId: l.orderId,
  };
}
