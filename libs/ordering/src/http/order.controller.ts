import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, PlatformAdminOnly, type AuthUser } from '@schakel/identity';
import { ConfirmOrderDto, OrderPageResponse, OrderQueryDto, OrderResponse, ReasonDto } from '../dto/order.dto';
import { DeliveryReportResponse } from '../dto/delivery-report.dto';
import { DeliveryReportService } from '../orders/delivery-report.service';
import { OrderConfirmationService } from '../orders/order-confirmation.service';
import { OrderService } from '../orders/order.service';

@ApiTags('ordering')
@ApiBearerAuth()
@Controller('api/orders')
export class OrderController {
  constructor(
    private readonly orders: OrderService,
    private readonly confirmation: OrderConfirmationService,
    private readonly delivery: DeliveryReportService,
  ) {}

  /** The platform admin's list; `?state=requested` gives the orders to decide, oldest first. */
  @Get()
  @PlatformAdminOnly()
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Query() query: OrderQueryDto): Promise<OrderPageResponse> {
    return this.orders.listAll(query);
  }

  @Get(':orderId')
  @Authenticated()
  @ApiOkResponse({ type: OrderResponse })
  get(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string): Promise<OrderResponse> {
    return this.orders.get(user, orderId);
  }

  /** The buyer's view of an in-company order's session: attendance, completion, certificates. */
  @Get(':orderId/report')
  @Authenticated()
  @ApiOkResponse({ type: DeliveryReportResponse })
  report(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string): Promise<DeliveryReportResponse> {
    return this.delivery.report(user, orderId);
  }

  @Post(':orderId/confirm')
  @PlatformAdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponse })
  confirm(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string, @Body() dto: ConfirmOrderDto): Promise<OrderResponse> {
    return this.confirmation.confirm(user, orderId, dto);
  }

  @Post(':orderId/reject')
  @PlatformAdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponse })
  reject(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string, @Body() dto: ReasonDto): Promise<OrderResponse> {
    return this.orders.reject(user, orderId, dto.reason);
  }

  @Post(':orderId/cancel')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponse })
  cancel(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string, @Body() dto: ReasonDto): Promise<OrderResponse> {
    return this.orders.cancel(user, orderId, dto.reason);
  }

  @Post(':orderId/deliver')
  @PlatformAdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponse })
  deliver(@CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string): Promise<OrderResponse> {
    return this.orders.deliver(user, orderId);
  }
}
