import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@schakel/access';
import { AuditModule } from '@schakel/audit';
import { SessionModule } from '@schakel/session';
import { Invoice } from './entities/invoice.entity';
import { Licence } from './entities/licence.entity';
import { Order } from './entities/order.entity';
import { InvoicePdfRenderer } from './invoices/invoice-pdf.renderer';
import { InvoiceIssuer } from './invoices/invoice.issuer';
import { InvoiceRepository } from './invoices/invoice.repository';
import { InvoiceService } from './invoices/invoice.service';
import { LicenceRepository } from './licences/licence.repository';
import { LicenceService } from './licences/licence.service';
import { DeliveryReportRepository } from './orders/delivery-report.repository';
import { DeliveryReportService } from './orders/delivery-report.service';
import { OrderAccess } from './orders/order-access';
import { OrderConfirmationService } from './orders/order-confirmation.service';
import { OrderRepository } from './orders/order.repository';
import { OrderService } from './orders/order.service';

/** Organisations buying training: orders, licences, invoices. No HTTP: see OrderingHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Order, Licence, Invoice]), AccessModule, AuditModule, SessionModule],
  providers: [
    OrderAccess, OrderRepository, OrderService, OrderConfirmationService, DeliveryReportRepository, DeliveryReportService,
    LicenceRepository, LicenceService,
    InvoiceRepository, InvoiceIssuer, InvoiceService, InvoicePdfRenderer,
  ],
  exports: [OrderService, OrderConfirmationService, DeliveryReportService, LicenceService, InvoiceService, OrderRepository],
})
export class OrderingModule {}
