import { ApiProperty } from '@nestjs/swagger';

export class ParticipantCertificate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'verification code' }) code: string;
  @ApiProperty() issuedAt: string;
}

export class ParticipantResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'confirmed | waitlisted | completed' }) enrolmentStatus: string;
  @ApiProperty({ description: 'meetings marked present' }) meetingsAttended: number;
  @ApiProperty({ description: 'present at one meeting at least' }) attended: boolean;
  @ApiProperty() completed: boolean;
  @ApiProperty({ type: ParticipantCertificate, nullable: true }) certificate: ParticipantCertificate | null;
}

export class DeliveryReportResponse {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() meetings: number;
  @ApiProperty() enrolled: number;
  @ApiProperty() attended: number;
  @ApiProperty() completed: number;
  @ApiProperty() certified: number;
  @ApiProperty({ type: [ParticipantResponse] }) participants: ParticipantResponse[];
}
