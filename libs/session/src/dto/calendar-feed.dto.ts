import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedResponse {
  @ApiProperty({ description: 'secret: anyone with it can read your sessions; rotate to revoke' }) url: string;
}
