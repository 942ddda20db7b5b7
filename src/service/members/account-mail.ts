/**
 * The mail with an invitation or password-reset link (mail.ts): sent to the user the link is for
 * when the deployment has an SMTP server, never otherwise. The link is also answered to whoever
 * made it, so a mail that does not arrive (or a deployment without mail) changes nothing: they
 * pass it on themselves. Sending is audit-logged (who, which purpose, the outcome; never the link).
 */
import type { AccountTokenPurpose } from '../../storage/members-store.js';
import { audit } from './audit.js';
import type { MailMessage } from './mail.js';
import type { MembersContext } from './members-context.js';
import type { UserViewer } from './viewer.js';

/** What happened to the mail: sent, the server failed, or no SMTP server is configured. */
export type MailOutcome = 'sent' | 'failed' | 'not-configured';

export interface AccountLinkMail {
  email: string;
  name: string | null;
  organisation: string;
  purpose: AccountTokenPurpose;
  /** The whole link, `https://…/wachtwoord#<token>`. */
  url: string;
  expiresAt: string;
}

function until(iso: string, locale: 'nl-NL' | 'en-GB'): string {
  return new Date(iso).toLocaleString(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
}

/** Subject and text (Dutch, then English); the link on a line of its own. */
export function accountLinkMessage(m: AccountLinkMail): MailMessage {
  const invitation = m.purpose === 'invitation';
  const greeting = m.name ? `Beste ${m.name},` : 'Goedendag,';
  const nl = invitation
    ? `U bent uitgenodigd voor de veerkrachtkaarten van ${m.organisation}. Kies een wachtwoord via deze link (geldig tot ${until(m.expiresAt, 'nl-NL')}):`
    : `Er is voor uw account bij de veerkrachtkaarten (${m.organisation}) een link gemaakt om een nieuw wachtwoord in te stellen (geldig tot ${until(m.expiresAt, 'nl-NL')}):`;
  const en = invitation
    ? `You have been invited to the resilience maps of ${m.organisation}. Choose a password with the link above (valid until ${until(m.expiresAt, 'en-GB')}).`
    : `A link to set a new password for your account with the resilience maps (${m.organisation}) was made; it is the link above (valid until ${until(m.expiresAt, 'en-GB')}).`;
  return {
    to: m.email,
    subject: invitation
      ? `Uitnodiging voor de veerkrachtkaarten (${m.organisation})`
      : 'Nieuw wachtwoord voor de veerkrachtkaarten',
    text: [
      greeting,
      '',
      nl,
      '',
      m.url,
      '',
      'De link werkt één keer. Had u deze mail niet verwacht? Dan kunt u hem negeren.',
      '',
      '--',
      en,
      'The link works once. If you did not expect this mail, you can ignore it.',
      '',
    ].join('\n'),
  };
}

/**
 * Mails the link to its user when a mailer is configured. Never throws: a failure is the outcome
 * `failed` with the error (for the caller's log), and the link still works when passed on by hand.
 */
export async function mailAccountLink(
  ctx: MembersContext,
  actor: UserViewer | 'cli',
  m: AccountLinkMail & { userId: number; organisationId: number },
  address: string | null = null,
): Promise<{ outcome: MailOutcome; error?: Error }> {
  if (!ctx.mailer) return { outcome: 'not-configured' };
  let result: { outcome: MailOutcome; error?: Error };
  try {
    await ctx.mailer.send(accountLinkMessage(m));
    result = { outcome: 'sent' };
  } catch (e) {
    result = { outcome: 'failed', error: e instanceof Error ? e : new Error(String(e)) };
  }
  await audit(ctx, 'user.link-mailed', {
    actor,
    organisationId: m.organisationId,
    address,
    detail: { userId: m.userId, purpose: m.purpose, outcome: result.outcome },
  });
  return result;
}
