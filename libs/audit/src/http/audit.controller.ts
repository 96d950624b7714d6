import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@schakel/common';
import { PlatformAdminOnly } from '@schakel/identity';
import { AuditLog } from '../audit-log';
import { AuditEntryResponse, AuditQueryDto, toAuditEntryResponse } from '../dto/audit-entry.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Newest first, paged; platform admins only. */
  @Get()
  @PlatformAdminOnly()
  @ApiOkResponse({ description: '{ items: AuditEntryResponse[], total }' })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryResponse>> {
    const page = await this.audit.page(query);
    return { items: page.items.map(toAuditEntryResponse), total: page.total };
  }
}
