import { Module } from '@nestjs/common';
import { OrderingModule } from '../ordering.module';
import { InvoiceController } from './invoice.controller';
import { OrderController } from './order.controller';
import { OrganisationOrdersController } from './organisation-orders.controller';

/** The HTTP side: orders, licences, invoices. */
@Module({
  imports: [OrderingModule],
  controllers: [OrganisationOrdersController, OrderController, InvoiceController],
})
export class OrderingHttpModule {}
