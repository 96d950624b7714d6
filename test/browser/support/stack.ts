import { existsSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { freePort } from '../../support/free-port';
import { isolateRun } from '../../support/isolation';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';

/** Debian's chromium (CI installs it in .ci/run); CHROMIUM_PATH points elsewhere when needed. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A small laptop (or a tablet held sideways) unless a test asks for another: also the size of the tour's screenshots. */
export const DESKTOP = { width: 1024, height: 768 } as const;

export interface BrowserStack {
  api: TestApi;
  worker: INestApplicationContext;
  sink: SmtpSink;
  /** Where the API listens, and what the mails' links point at. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) at the site, with its first tab. */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** The first link in a mail to `email` whose path matches `path`, once the worker has sent it (bounded wait). */
  mailLink(email: string, path: RegExp, subject?: RegExp): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real stack for a browser suite: its own database (the worker's relay must not take
 * other suites' jobs), the API listening on a free port, the worker, an SMTP sink, and
 * chromium. PUBLIC_BASE_URL is the listening address, so the links in mails open in the browser.
 */
export async function startBrowserStack(label: string): Promise<BrowserStack> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: install Debian's (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  const dropDatabase = await isolateRun(label);
  const sink = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Jest gives each test file its own process.env: read by the API and the worker while they are built.
  // The per-account and per-address limits are proven by their own suites; here one person signs in many times.
  Object.assign(process.env, {
    PUBLIC_BASE_URL: baseUrl,
    SMTP_URL: sink.url,
    SWEEP_INTERVAL_SECONDS: '3600',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    VERIFY_RATE_LIMIT_PER_IP_PER_MINUTE: '10000',
  });
  const [api, worker, browser] = await Promise.all([
    startApi(),
    startWorker(),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  await api.app.listen(port, '127.0.0.1');
  const contexts: BrowserContext[] = [];

  return {
    api,
    worker,
    sink,
    baseUrl,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async mailLink(email, path, subject) {
      const linkIn = (text: string) =>
        [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).find((href) => href.startsWith(baseUrl) && path.test(href.slice(baseUrl.length)));
      const mails = await waitFor(
        async () => {
          await worker.get(OutboxRelay).relayDue();
          return sink.to(email).filter((m) => !subject || subject.test(m.subject ?? ''));
        },
        (found) => found.some((m) => linkIn(m.text ?? '')),
        { timeoutMs: 20_000, intervalMs: 250, what: `a mail to ${email} with a link to ${path}` },
      );
      return mails.map((m) => linkIn(m.text ?? '')).find(Boolean) as string;
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close().catch(() => undefined);
      await worker.close().catch(() => undefined);
      await api.close().catch(() => undefined);
      await sink.stop();
      await dropDatabase();
    },
  };
}
