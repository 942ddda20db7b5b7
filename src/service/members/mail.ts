/**
 * Mail, optional: when the operator configures an SMTP server (`smtp` in veerkracht.config.json or
 * VEERKRACHT_SMTP_URL, e.g. `smtp://user:pass@smtp.example.nl:587`), invitation and password-reset
 * links are also mailed to the user they are for, through nodemailer. Without it nothing is sent:
 * the link is shown to whoever made it, as always (docs/security.md, "Mail").
 *
 * The SMTP URL carries the account's password: it is never logged, never in an API answer or an
 * error message — `describeSmtp` names host and port only.
 */
import { createTransport } from 'nodemailer';

export interface SmtpSettings {
  /** `smtp://[user:pass@]host[:port]` (STARTTLS when the server offers it) or `smtps://…` (TLS from the start). */
  url: string;
  /** The sender, e.g. `Veerkracht <kaarten@example.nl>`. */
  from: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends one message; rejects when the server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
  /** Host and port, without credentials (for logs and the console). */
  readonly description: string;
  close(): void;
}

/** `smtp://mail.example.nl:587` — the URL without user, password, path or query. */
export function describeSmtp(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
}

/** A mailer sending through the SMTP server of `settings`; one connection per message, 10 s timeouts. */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = createTransport(
    {
      url: settings.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    },
    { from: settings.from },
  );
  return {
    description: describeSmtp(settings.url),
    async send(message) {
      const info = await transport.sendMail(message);
      if (info.rejected.length > 0) throw new Error(`the mail server refused ${message.to}`);
    },
    close: () => transport.close(),
  };
}
