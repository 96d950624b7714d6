import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam } from '@schakel/common';
import { PlatformAdminOnly } from '@schakel/identity';
import { FailedEvents } from './failed-events.service';

export class FailedEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the domain event, e.g. course.completed' }) topic: string;
  @ApiProperty({ description: 'ids only' }) payload: Record<string, unknown>;
  @ApiProperty() failureCount: number;
  @ApiProperty({ nullable: true, description: 'the consumer and its last error' }) lastError: string | null;
  @ApiProperty() lastFailedAt: string;
  @ApiProperty() deadAt: string;
  @ApiProperty() createdAt: string;
}

export class FailedEventsResponse {
  @ApiProperty({ type: [FailedEventResponse] }) items: FailedEventResponse[];
  @ApiProperty({ description: 'how many events are set aside' }) total: number;
}

/**
 * The outbox's dead letter, for platform admins: events that kept failing are set aside
 * (not relayed forever); here they are counted, read with their last error, and retried.
 * It lives in the API app because it joins jobs (the outbox) with identity (who may look).
 */
@ApiTags('admin')
@Controller('api/admin/failed-events')
export class FailedEventsController {
  constructor(private readonly failed: FailedEvents) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOkResponse({ type: FailedEventsResponse })
  async list(@Query() query: PageQueryDto): Promise<FailedEventsResponse> {
    const page = await this.failed.page(query.limit, query.offset);
    return {
      total: page.total,
      items: page.items.map((e) => ({
        ...e,
        lastFailedAt: e.lastFailedAt.toISOString(),
        deadAt: e.deadAt.toISOString(),
        createdAt: e.createdAt.toISOString(),
      })),
    };
  }

  /** Relays the event again at once, with a fresh failure budget; 404 for an event that is not set aside. */
  @Post(':eventId/retry')
  @PlatformAdminOnly()
  @HttpCode(202)
  async retry(@UuidParam('eventId') eventId: string): Promise<{ id: string; state: 'queued' }> {
    await this.failed.retry(eventId);
    return { id: eventId, state: 'queued' };
  }
}
