import { execFile } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import type { Response } from 'superagent';
import { startApi, startWorker, TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitForIssued } from '../../factories/certificate.factory';
import { completeCourse } from '../../factories/completion.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createTenant } from '../../factories/organisation.factory';
import { createPerson } from '../../factories/person.factory';

// pdf.js (pdf-parse 2) rasterises each page with @napi-rs/canvas, jsQR reads the pixels as a
// phone camera would. pdf.js loads its worker with a dynamic import(), which jest's module
// sandbox refuses, so this runs in a plain child Node process (as test/support/pdf-text.ts).
const DECODE = `
const { PDFParse } = require('pdf-parse');
const { PNG } = require('pngjs');
const jsQR = require('jsqr');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  try {
    const shot = await parser.getScreenshot({ scale: 2, imageBuffer: true, imageDataUrl: false });
    const pages = shot.pages.map((page) => {
      const png = PNG.sync.read(Buffer.from(page.data));
      const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      return { width: png.width, height: png.height, qr: found ? found.data : null };
    });
    process.stdout.write(JSON.stringify(pages));
  } finally { await parser.destroy(); }
});`;

interface DecodedPage {
  width: number;
  height: number;
  qr: string | null;
}

function decodeQrCodes(pdf: Buffer): Promise<DecodedPage[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', DECODE], { cwd: process.cwd(), maxBuffer: 10 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as DecodedPage[]),
    );
    child.stdin?.end(pdf);
  });
}

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('certification: the QR code on a rendered certificate opens its verification page (trust 8)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    dropDatabase = await isolateRun('qr');
    api = await startApi();
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  async function issuedPdf(holderName: string): Promise<{ code: string; verifyUrl: string; pdf: Buffer }> {
    const tenant = await createTenant(api.app);
    const learner = await createPerson(api.app, { name: holderName });
    const course = await insertOnlineCourse(api.app, { title: 'Het eerste gesprek voeren' });
    const completionId = await completeCourse(api.app, learner.user.id, course.id, { organisationId: tenant.organisation.id });
    await waitForIssued(api.app, completionId);
    const mine = await api.http().get('/api/me/certificates').set(learner.auth);
    expect(mine.status).toBe(200);
    const [certificate] = mine.body.items as Array<{ id: string; code: string; verifyUrl: string }>;
    const response = await api.http().get(`/api/certificates/${certificate.id}/pdf`).set(learner.auth).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    return { code: certificate.code, verifyUrl: certificate.verifyUrl, pdf: response.body as Buffer };
  }

  it('decodes exactly one QR code on the page: <PUBLIC_BASE_URL>/verify/<code>, the URL the API lists', async () => {
    const { code, verifyUrl, pdf } = await issuedPdf('Łukasz Şahin Doğan');
    const pages = await decodeQrCodes(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeGreaterThan(1000); // really rasterised, not an empty canvas
    expect(pages[0].qr).toBe(`${process.env.PUBLIC_BASE_URL}/verify/${code}`);
    expect(pages[0].qr).toBe(verifyUrl);
  });

  it('the decoded URL, opened on this server, is the page that says the certificate is valid', async () => {
    const { code, pdf } = await issuedPdf('Anna van den Berg-IJsselstein');
    const [page] = await decodeQrCodes(pdf);
    const url = new URL(page.qr as string);
    expect(url.origin).toBe(process.env.PUBLIC_BASE_URL);
    expect(url.pathname).toBe(`/verify/${code}`);
    const opened = await api.http().get(url.pathname);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('Dit certificaat is geldig.');
  });

  it('two certificates carry two different codes, each in its own QR code', async () => {
    const [first, second] = [await issuedPdf('Piet Jansen'), await issuedPdf('Marie Dubois')];
    expect(first.code).not.toBe(second.code);
    const decoded = await Promise.all([first, second].map(async ({ pdf }) => (await decodeQrCodes(pdf))[0].qr));
    expect(decoded).toEqual([first.verifyUrl, second.verifyUrl]);
  });
});
