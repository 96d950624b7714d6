import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  url: string;
  mails: ParsedMail[];
  /** Waits this long before accepting each message (a send "in flight"). */
  delayMs: number;
  /** Messages whose data arrived whole (now waiting for, or past, the server's final reply). */
  receiving: number;
  /** Messages dropped because the client went away before the server's final reply. */
  dropped: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  to(address: string): ParsedMail[];
}

/** A real SMTP server in this process (smtp-server), parsing what arrives with mailparser. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port: 0,
    url: '',
    mails: [],
    delayMs: 0,
    receiving: 0,
    dropped: 0,
    async start() {
      const gone = new Set<string>();
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onClose(session) {
          gone.add(session.id);
        },
        onData(stream, session, callback) {
          simpleParser(stream)
            .then(async (mail) => {
              sink.receiving += 1;
              if (sink.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, sink.delayMs));
              // Like a real MTA: responsibility passes with the final "250"; a client that died
              // before it did not hand the message over.
              if (gone.has(session.id)) {
                sink.dropped += 1;
                return callback(new Error('client went away'));
              }
              sink.mails.push(mail);
              callback();
            })
            .catch((error: Error) => callback(error));
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(sink.port, '127.0.0.1', () => {
          server!.off('error', reject);
          resolve();
        });
      });
      // A client that resets its connection (a worker stopped or killed mid-send) is the
      // client's affair, as for a real MTA: smtp-server reports it as the server's 'error',
      // which, unheard, would end this test process.
      server.on('error', () => undefined);
      sink.port = (server.server.address() as AddressInfo).port;
      sink.url = `smtp://127.0.0.1:${sink.port}`;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    to(address: string) {
      return sink.mails.filter((m) => addressesOf(m).includes(address.toLowerCase()));
    },
  };
  await sink.start();
  return sink;
}

function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((t) => t.value.map((v) => (v.address ?? '').toLowerCase()));
}
