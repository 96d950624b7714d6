import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../../../../test/support/pdf-text';
import { generateCertificateCode, formatCertificateCode } from '../certificate-code';
import { CertificateRenderer, type CertificateContent } from './certificate.renderer';
import { CertificateTemplates } from './certificate-templates';

const content = (overrides: Partial<CertificateContent> = {}): CertificateContent => ({
  code: generateCertificateCode(),
  locale: 'nl',
  holderName: 'Ans de Vries-Öztürk',
  courseSlug: 'het-eerste-gesprek',
  courseTitle: 'Het eerste gesprek',
  refresherTitle: null,
  chainRoles: ['first-conversation', 'intake-referral'],
  dates: [new Date('2026-03-10T13:30:00Z')],
  durationHours: 3.5,
  trainerName: null,
  validFrom: new Date('2026-03-10T13:30:00Z'),
  expiresAt: new Date('2028-03-10T13:30:00Z'),
  isRenewal: false,
  createdAt: new Date('2026-03-10T13:30:05Z'),
  ...overrides,
});

describe('CertificateRenderer', () => {
  const renderer = new CertificateRenderer('https://schakel.example');

  it('prints holder, course, roles, date, hours, trainer, validity and the grouped code in Dutch', async () => {
    const c = content();
    const { pdf, sha256 } = await renderer.render(c);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await pdfText(pdf);
    for (const expected of [
      'Certificaat', 'Ans de Vries-Öztürk', 'Het eerste gesprek', 'eerste gesprek en intake en verwijzing',
      'Afgerond op: 10 maart 2026', '3,5 uur', 'Trainer: Schakel', 'Geldig tot 10 maart 2028', formatCertificateCode(c.code),
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints every name exactly with the embedded Unicode font: "Łukasz Şahin Doğan", Turkish ı, Hungarian ő, Czech č, Dutch ij', async () => {
    for (const holderName of ['Łukasz Şahin Doğan', 'Işıl Kovács-Erdős', 'Čeněk IJsselstein-Hoëbeek']) {
      const { pdf } = await renderer.render(content({ holderName }));
      expect(await pdfText(pdf)).toContain(holderName);
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // an embedded TrueType font, not a built-in one
      expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    }
  });

  it('renders the same certificate to the same bytes (a retry overwrites with equal content)', async () => {
    const c = content();
    const [a, b] = await Promise.all([renderer.render(c), renderer.render(c)]);
    expect(a.sha256).toBe(b.sha256);
  });

  it('speaks English for an English holder, names the trainer and lists meeting days', async () => {
    const text = await pdfText((await renderer.render(content({
      locale: 'en', trainerName: 'Joke Trainer', expiresAt: null,
      dates: [new Date('2026-03-10T09:00:00Z'), new Date('2026-03-17T09:00:00Z')],
    }))).pdf);
    expect(text).toContain('Certificate');
    expect(text).toContain('Completed on: 10 March 2026 and 17 March 2026');
    expect(text).toContain('Trainer: Joke Trainer');
    expect(text).toContain('Does not expire');
  });

  it('says "Geldig van … tot …" on a renewal', async () => {
    const text = await pdfText((await renderer.render(content({ isRenewal: true, refresherTitle: 'Opfrissen', validFrom: new Date('2026-05-01T10:00:00Z'), expiresAt: new Date('2028-05-01T10:00:00Z') }))).pdf);
    expect(text).toContain('Geldig van 1 mei 2026 tot 1 mei 2028');
    expect(text).toContain('Vernieuwd met de opfriscursus Opfrissen');
  });

  it("uses a course's own template when there is one, and keeps a name's line breaks out of the layout", async () => {
    const root = mkdtempSync(join(tmpdir(), 'schakel-templates-'));
    mkdirSync(join(root, 'certificates'));
    writeFileSync(join(root, 'certificates', 'default.nl.hbs'), 'heading: Standaard\nholder: {{holderName}}\ncode: {{code}}\n');
    writeFileSync(join(root, 'certificates', 'wijkteam.nl.hbs'), 'heading: Wijkteam-certificaat\nholder: {{holderName}}\ncode: {{code}}\n');
    const custom = new CertificateRenderer('https://schakel.example', new CertificateTemplates(root));
    expect(await pdfText((await custom.render(content({ courseSlug: 'wijkteam' }))).pdf)).toContain('Wijkteam-certificaat');
    const fallback = await pdfText((await custom.render(content({ courseSlug: 'iets-anders', holderName: 'Piet\nheading: Nep' }))).pdf);
    expect(fallback).toContain('Standaard');
    expect(fallback).toContain('Piet heading: Nep');
  });
});
