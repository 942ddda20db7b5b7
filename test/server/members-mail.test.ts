/**
 * Invitation and reset links by mail (issue 11: "SMTP optional by configuration"), against a real
 * SMTP server in this process (smtp-server, from the nodemailer project) that authenticates the
 * sender and keeps what it receives. With a mailer the link goes to the user (recipient, subject,
 * the link itself, which then sets the password); a failing server still answers the link; without
 * a mailer nothing is sent and the link is only shown, as before.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountLinkSchema, AuditResponseSchema, CreatedUserSchema } from '../../src/api/members.js';
import { smtpMailer, type Mailer } from '../../src/service/members/mail.js';
import { membersFixture, type MembersFixture } from './members-fixture.js';
import { readMessage, startSmtp } from './smtp-test-server.js';

describe('invitation and reset links by mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let f: MembersFixture;
  let mailer: Mailer;
  beforeAll(async () => {
    smtp = await startSmtp('veerkracht', 'smtp-geheim');
    mailer = smtpMailer({
      url: `smtp://veerkracht:smtp-geheim@127.0.0.1:${smtp.port}`,
      from: 'Veerkracht <kaarten@example.nl>',
    });
    f = await membersFixture('members', { membersSettings: { mailer } });
  }, 120_000);
  afterAll(async () => {
    mailer?.close();
    await f?.close();
    await smtp?.close();
  });

  it('mails an invitation to the new user: recipient, subject and the link, which then sets the password', async () => {
    const before = smtp.received.length;
    const res = await f.write(f.viewers['org-admin'], 'POST', '/api/users', {
      email: 'Nieuwe.Collega@woonstichting-a.example',
      name: 'Nieuwe Collega',
      role: 'member',
    });
    expect(res.status).toBe(201);
    const { invitation, user } = CreatedUserSchema.parse(await res.json());
    expect(invitation.mail).toBe('sent');
    expect(smtp.received.length).toBe(before + 1);
    const got = smtp.received.at(-1)!;
    expect(got.from).toBe('kaarten@example.nl');
    expect(got.to).toEqual(['nieuwe.collega@woonstichting-a.example']);
    expect(smtp.logins.at(-1)).toBe('veerkracht:smtp-geheim');
    const { headers, text } = readMessage(got.raw);
    expect(headers['subject']).toBe('Uitnodiging voor de veerkrachtkaarten (Woonstichting A)');
    expect(headers['to']).toBe('nieuwe.collega@woonstichting-a.example');
    expect(text).toContain('Beste Nieuwe Collega,');
    expect(text.split(/\r?\n/)).toContain(invitation.url);
    expect(invitation.url).toMatch(/^http:\/\/localhost\/wachtwoord#[A-Za-z0-9_-]{43}$/);
    // the mailed link is the real thing: it sets the password once
    const token = text.match(/wachtwoord#([A-Za-z0-9_-]{43})/)![1]!;
    const set = await f.app.request('/api/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: 'een lang nieuw wachtwoord' }),
    });
    expect(set.status).toBe(204);
    expect(user.status).toBe('invited');
  });

  it('mails a reset link to the user it is for, and logs the sending without the link', async () => {
    const res = await f.write(f.viewers['org-admin'], 'POST', `/api/users/${f.ids.users.member}/reset-link`);
    expect(res.status).toBe(201);
    const link = AccountLinkSchema.parse(await res.json());
    expect(link.mail).toBe('sent');
    const got = smtp.received.at(-1)!;
    expect(got.to).toEqual(['adviseur@woonstichting-a.example']);
    const { headers, text } = readMessage(got.raw);
    expect(headers['subject']).toBe('Nieuw wachtwoord voor de veerkrachtkaarten');
    expect(text.split(/\r?\n/)).toContain(link.url);
    const audit = AuditResponseSchema.parse(
      await (
        await f.app.request('/api/audit?event=user.link-mailed', { headers: f.viewers.admin.headers })
      ).json(),
    );
    expect(audit.events[0]).toMatchObject({
      actor: 'beheer@woonstichting-a.example',
      detail: { userId: f.ids.users.member, purpose: 'reset', outcome: 'sent' },
    });
    expect(JSON.stringify(audit)).not.toContain(link.url.split('#')[1]!);
  });

  it('answers the link when the mail server refuses the login, and logs no password', async () => {
    const wrong = smtpMailer({
      url: `smtp://veerkracht:fout-wachtwoord@127.0.0.1:${smtp.port}`,
      from: 'Veerkracht <kaarten@example.nl>',
    });
    const g = await membersFixture('members', { membersSettings: { mailer: wrong } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const before = smtp.received.length;
      const res = await g.write(
        g.viewers['org-admin'],
        'POST',
        `/api/users/${g.ids.users.member}/reset-link`,
      );
      expect(res.status).toBe(201);
      const link = AccountLinkSchema.parse(await res.json());
      expect(link.mail).toBe('failed');
      expect(link.url).toMatch(/\/wachtwoord#[A-Za-z0-9_-]{43}$/);
      expect(smtp.received.length).toBe(before);
      const logged = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(logged).toContain('mail of a reset link');
      expect(logged).not.toContain('fout-wachtwoord');
    } finally {
      log.mockRestore();
      wrong.close();
      await g.close();
    }
  });

  it('sends nothing without a mailer: the link is shown, as before', async () => {
    const g = await membersFixture('members');
    try {
      const before = smtp.received.length;
      const res = await g.write(g.viewers['org-admin'], 'POST', '/api/users', {
        email: 'zonder.mail@woonstichting-a.example',
        role: 'member',
      });
      const { invitation } = CreatedUserSchema.parse(await res.json());
      expect(invitation.mail).toBe('not-configured');
      expect(invitation.url).toMatch(/\/wachtwoord#[A-Za-z0-9_-]{43}$/);
      expect(smtp.received.length).toBe(before);
    } finally {
      await g.close();
    }
  });
});
