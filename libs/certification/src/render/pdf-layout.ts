import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Embedded DejaVu (npm dejavu-fonts-ttf, a dependency): pdfkit's built-in Helvetica knows
 * only WinAnsi, so "Łukasz Şahin Doğan" came out as mojibake. DejaVu covers Latin Extended
 * (ł ş ğ ı ő č, Dutch ij and diacritics) and is subset-embedded, so every reader shows it.
 */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  sans: join(FONT_DIR, 'DejaVuSans.ttf'),
  'sans-bold': join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  'mono-bold': join(FONT_DIR, 'DejaVuSansMono-Bold.ttf'),
} as const;
type FontName = keyof typeof FONTS;

/**
 * Parsed once per process and shared by every document (pdfkit accepts a fontkit font):
 * parsing the three TrueType files for each certificate was most of its render time
 * (~150 ms → see the certificate benchmark). pdfkit still subsets per document.
 */
let parsedFonts: Record<FontName, fontkit.Font> | undefined;
function fonts(): Record<FontName, fontkit.Font> {
  parsedFonts ??= Object.fromEntries(
    Object.entries(FONTS).map(([name, file]) => [name, fontkit.create(readFileSync(file)) as fontkit.Font]),
  ) as Record<FontName, fontkit.Font>;
  // fontkit caches glyph objects with the characters they were first made for; pdfkit maps a
  // subset glyph back to text (ToUnicode) from them, so a glyph first made without characters
  // in an earlier document lost its letter in the next. A fresh glyph cache per document keeps
  // the parsed tables (the expensive part) and makes each document's text exact.
  for (const font of Object.values(parsedFonts)) Reflect.set(font, '_glyphs', {});
  return parsedFonts;
}

/** One line of a template's output: `field: text`. */
export interface LayoutLine {
  field: string;
  text: string;
}

export function parseLayout(output: string): LayoutLine[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const colon = line.indexOf(':');
      const field = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : 'text';
      return { field: /^[a-z-]+$/.test(field) ? field : 'text', text: colon > 0 && /^[a-z-]+$/.test(field) ? line.slice(colon + 1).trim() : line };
    });
}

interface Style {
  font: FontName;
  size: number;
  color: string;
  gapBefore: number;
}

const GREEN = '#1f5130';
const INK = '#1a1a1a';
const STYLES: Record<string, Style> = {
  heading: { font: 'sans-bold', size: 34, color: GREEN, gapBefore: 0 },
  subheading: { font: 'sans', size: 12, color: '#4d4d4d', gapBefore: 4 },
  text: { font: 'sans', size: 14, color: INK, gapBefore: 12 },
  holder: { font: 'sans-bold', size: 26, color: INK, gapBefore: 8 },
  course: { font: 'sans-bold', size: 20, color: GREEN, gapBefore: 8 },
  detail: { font: 'sans', size: 12, color: INK, gapBefore: 4 },
  validity: { font: 'sans-bold', size: 14, color: INK, gapBefore: 12 },
};
/** Fields placed in the footer, beside the QR code, rather than in the centred body. */
const FOOTER_STYLES: Record<string, Style> = {
  'code-label': { font: 'sans', size: 10, color: '#4d4d4d', gapBefore: 0 },
  code: { font: 'mono-bold', size: 15, color: INK, gapBefore: 2 },
  verify: { font: 'sans', size: 9, color: '#4d4d4d', gapBefore: 4 },
  issuer: { font: 'sans-bold', size: 11, color: GREEN, gapBefore: 10 },
};

/** A QR code's module matrix (from the qrcode package): `data[row * size + col]` is 1 when dark. */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
}

export interface PdfOptions {
  title: string;
  /** Fixed document dates make the same certificate render to the same bytes (a retry overwrites with equal content). */
  createdAt: Date;
  qr: QrMatrix;
}

/**
 * Draws the QR code as vector squares, one rectangle per horizontal run of dark modules.
 * Sharper in print than a bitmap, and it skips PNG encoding, which cost more than the
 * whole rest of the page.
 */
function drawQr(doc: PDFKit.PDFDocument, qr: QrMatrix, x: number, y: number, side: number): void {
  const quiet = 2;
  const cell = side / (qr.size + 2 * quiet);
  doc.rect(x, y, side, side).fill('#ffffff');
  for (let row = 0; row < qr.size; row += 1) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.data[row * qr.size + col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.data[row * qr.size + col]) col += 1;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('#000000');
}

/** Lays the lines out on an A4 landscape page. */
export function layoutPdf(lines: LayoutLine[], options: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: { Title: options.title, Author: 'Schakel', Creator: 'Schakel', Producer: 'Schakel', CreationDate: options.createdAt },
  });
  // pdfkit's types name only paths and buffers as sources; a fontkit font is accepted as well.
  for (const [name, font] of Object.entries(fonts())) doc.registerFont(name, font as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { width, height } = doc.page;
  doc.lineWidth(3).strokeColor(GREEN).rect(20, 20, width - 40, height - 40).stroke();
  doc.lineWidth(0.75).rect(28, 28, width - 56, height - 56).stroke();

  const body = lines.filter((l) => !FOOTER_STYLES[l.field]);
  const footer = lines.filter((l) => FOOTER_STYLES[l.field]);
  const innerWidth = width - 2 * 56;
  doc.y = 64;
  for (const line of body) {
    const style = STYLES[line.field] ?? STYLES.text;
    doc.y += style.gapBefore;
    doc.font(style.font).fontSize(style.size).fillColor(style.color).text(line.text, 56, doc.y, { width: innerWidth, align: 'center' });
  }

  const qrSize = 104;
  const footerTop = height - 56 - qrSize;
  drawQr(doc, options.qr, width - 56 - qrSize, footerTop, qrSize);
  doc.y = footerTop;
  for (const line of footer) {
    const style = FOOTER_STYLES[line.field];
    doc.y += style.gapBefore;
    doc.font(style.font).fontSize(style.size).fillColor(style.color).text(line.text, 56, doc.y, { width: innerWidth - qrSize - 24, align: 'left' });
  }
  doc.end();
  return done;
}
