/**
 * A real SMTP server in the test process (smtp-server, from the nodemailer project) on a free local
 * port: it authenticates one account over plain SMTP (no STARTTLS: a test needs no certificate) and
 * keeps every message it receives, with its envelope.
 */
import type { AddressInfo } from 'node:net';
import smtpServer from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** The headers and the decoded text body of a plain-text message (quoted-printable or 7/8-bit). */
export function readMessage(raw: string): { headers: Record<string, string>; text: string } {
  const [head, ...bodyParts] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  let text = bodyParts.join('\r\n\r\n');
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? ''))
    text = Buffer.from(
      text
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return { headers, text };
}

/** An SMTP server on a free local port that accepts `user`/`pass` and keeps every message. */
export async function startSmtp(user: string, pass: string) {
  const received: Received[] = [];
  const logins: string[] = [];
  const server = new smtpServer.SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username ?? ''}:${auth.password ?? ''}`);
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error('invalid login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, logins, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
