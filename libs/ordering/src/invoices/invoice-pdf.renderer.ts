import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AppConfig } from '@schakel/config';
import { formatDate } from '@schakel/common';
import type { Invoice } from '../entities/invoice.entity';
import { VAT_PERCENT } from './invoice.rules';

const euros = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/**
 * The invoice as an A4 PDF (Dutch, pdfkit's Helvetica). Everything comes from the stored
 * row and the configured provider, and the creation date is the issue date, so the same
 * invoice renders to the same document every time it is downloaded.
 */
@Injectable()
export class InvoicePdfRenderer {
  constructor(private readonly config: AppConfig) {}

  render(invoice: Invoice): Promise<Buffer> {
    const provider = this.config.invoiceProvider;
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `Factuur ${invoice.number}`, Author: provider.name, Creator: 'Schakel', Producer: 'Schakel', CreationDate: invoice.issuedAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });

    doc.font('Helvetica-Bold').fontSize(20).text(provider.name);
    doc.font('Helvetica').fontSize(10).text(provider.address.join('\n'));
    doc.text(`IBAN ${provider.iban}   btw-nummer ${provider.vatNumber}   KvK ${provider.cocNumber}`);
    doc.moveDown(2);
    doc.font('Helvetica-Bold').fontSize(16).text(`Factuur ${invoice.number}`);
    doc.font('Helvetica').fontSize(10);
    doc.text(`Factuurdatum: ${formatDate(invoice.issuedAt, 'nl')}`);
    doc.text(`Te betalen voor: ${formatDate(invoice.dueAt, 'nl')}`);
    doc.moveDown();
    doc.font('Helvetica-Bold').text('Aan');
    doc.font('Helvetica').text(invoice.organisationName);
    if (invoice.organisationAddress) doc.text(invoice.organisationAddress);
    doc.moveDown(2);

    for (const line of invoice.lines) {
      doc.text(`${line.quantity} × ${line.description}`, { continued: true });
      doc.text(`   ${euros(line.quantity * line.unitPriceCents)} (${euros(line.unitPriceCents)} per stuk)`, { align: 'right' });
    }
    doc.moveDown();
    doc.text(`Subtotaal (zonder btw): ${euros(invoice.subtotalCents)}`, { align: 'right' });
    doc.text(`Btw ${VAT_PERCENT}%: ${euros(invoice.vatCents)}`, { align: 'right' });
    doc.font('Helvetica-Bold').text(`Totaal: ${euros(invoice.totalCents)}`, { align: 'right' });
    doc.font('Helvetica').moveDown(2);
    doc.text(`Wilt u het totaal binnen 30 dagen overmaken naar ${provider.iban} t.n.v. ${provider.name}, onder vermelding van factuurnummer ${invoice.number}?`);
    doc.end();
    return done;
  }
}
