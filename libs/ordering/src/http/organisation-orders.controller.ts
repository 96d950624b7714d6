import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { InvoicePageResponse } from '../dto/invoice.dto';
import { LicenceListResponse } from '../dto/licence.dto';
import { CreateOrderDto, OrderPageResponse, OrderQueryDto, OrderResponse } from '../dto/order.dto';
import { InvoiceService } from '../invoices/invoice.service';
import { LicenceService } from '../licences/licence.service';
import { OrderService } from '../orders/order.service';

/** An organisation's orders, licences and invoices (its org-admins, platform admins). */
@ApiTags('ordering')
@ApiBearerAuth()
@Controller('api/organisations/:orgId')
export class OrganisationOrdersController {
  constructor(
    private readonly orders: OrderService,
    private readonly licences: LicenceService,
    private readonly invoices: InvoiceService,
  ) {}

  @Post('orders')
  @Authenticated()
  @ApiCreatedResponse({ type: OrderResponse })
  request(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @Body() dto: CreateOrderDto): Promise<OrderResponse> {
    return this.orders.request(user, orgId, dto);
  }

  @Get('orders')
  @Authenticated()
  @ApiOkResponse({ type: OrderPageResponse })
  list(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @Query() query: OrderQueryDto): Promise<OrderPageResponse> {
    return this.orders.listForOrganisation(user, orgId, query);
  }

  @Get('licences')
  @Authenticated()
  @ApiOkResponse({ type: LicenceListResponse })
  licencesOf(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string): Promise<LicenceListResponse> {
    return this.licences.list(user, orgId);
  }

  @Get('invoices')
  @Authenticated()
  @ApiOkResponse({ type: InvoicePageResponse })
  invoicesOf(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<InvoicePageResponse> {
    return this.invoices.list(user, orgId, query.limit, query.offset);
  }
}
