/**
 * `veerkracht users add|list|disable|enable|reset-link`: the operator's door to accounts, on the
 * store directly (whoever runs it can read the store anyway). `add --password-stdin` creates the
 * first admin; without it the new user gets an invitation link, printed here — and mailed to
 * them when an SMTP server is configured (VEERKRACHT_SMTP_URL or "smtp"; reset links too).
 */
import { AppError } from '../../core/app-error.js';
import type { AccountLinkToken } from '../../service/members/accounts.js';
import type { UserRow } from '../../storage/members-store.js';
import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht users add --email E --organisation NAME --role admin|org-admin|member [--name N] [--password-stdin]
veerkracht users list [--organisation NAME]
veerkracht users disable --email E
veerkracht users enable --email E
veerkracht users reset-link --email E

Manages the accounts of the members' model in the store (VEERKRACHT_DB, default ./data/veerkracht.db).
  add          creates a user (and the organisation when it does not exist yet). With
               --password-stdin the password is read from standard input (at least 12
               characters), e.g. \`printf '%s' "$PW" | veerkracht users add … --password-stdin\`;
               without it an invitation link (valid 7 days) is printed.
  list         every user: e-mail, name, organisation, role, status, last login.
  disable      the user can no longer log in; their sessions end at once.
  reset-link   prints a link to set a new password (valid 24 hours; an invitation again for
               a user who never set one). Earlier links of the user stop working.
Links start with --base-url, else VEERKRACHT_PUBLIC_URL, else "publicUrl" of the configuration
file, else http://localhost:8080. With an SMTP server (VEERKRACHT_SMTP_URL, or "smtp" in the
configuration file) invitation and reset links are also mailed to the user; without one nothing
is sent and the link is only printed.`;

const ROLES = ['admin', 'org-admin', 'member'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const usersCommand: Command = {
  name: 'users',
  summary: 'manage accounts: add (the first admin too), list, disable, enable, reset-link',
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'users',
      args,
      {
        email: { type: 'string' },
        organisation: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'base-url': { type: 'string' },
      },
      HELP,
    );
    const action = positionals[0];
    if (
      !action ||
      !['add', 'list', 'disable', 'enable', 'reset-link'].includes(action) ||
      positionals.length > 1
    )
      throw new AppError('USAGE', `users: name one of add, list, disable, enable, reset-link\n\n${HELP}`);
    const [
      { openDefaultStore },
      { createReadContext },
      { createMembersContext },
      accounts,
      { loadConfig },
      { smtpMailer },
      { mailAccountLink },
    ] = await Promise.all([
      import('../store-path.js'),
      import('../../service/read-context.js'),
      import('../../service/members/members-context.js'),
      import('../../service/members/accounts.js'),
      import('../config-file.js'),
      import('../../service/members/mail.js'),
      import('../../service/members/account-mail.js'),
    ]);
    const { deployment } = loadConfig(undefined);
    const baseUrl = (values['base-url'] ?? deployment.publicUrl ?? 'http://localhost:8080').replace(
      /\/$/,
      '',
    );
    const store = await openDefaultStore();
    const mailer = deployment.smtp ? smtpMailer(deployment.smtp) : null;
    const ctx = createMembersContext(createReadContext(store), { mailer });
    const say = (line: string) => process.stdout.write(`${line}\n`);
    /** Mails a link to its user when an SMTP server is configured, and says how that went. */
    const mailLink = async (user: UserRow, link: AccountLinkToken, url: string): Promise<void> => {
      if (!mailer) return;
      const org = await store.members.findOrganisation({ id: user.organisationId });
      const { outcome, error } = await mailAccountLink(ctx, 'cli', {
        email: user.email,
        name: user.name,
        organisation: org?.name ?? '',
        purpose: link.purpose,
        url,
        expiresAt: link.expiresAt,
        userId: user.id,
        organisationId: user.organisationId,
      });
      say(
        outcome === 'sent'
          ? `mailed to ${user.email} through ${mailer.description}`
          : `the mail to ${user.email} could not be sent (${error?.message ?? 'unknown error'}); pass the link on yourself`,
      );
    };
    const userByEmail = async () => {
      if (!values.email) throw new AppError('USAGE', `users ${action}: --email is required`);
      const user = await store.members.findUser({ email: values.email.trim().toLowerCase() });
      if (!user) throw new AppError('NOT_FOUND', `no user ${values.email}`);
      return user;
    };
    try {
      switch (action) {
        case 'add': {
          if (!values.email || !values.organisation || !values.role)
            throw new AppError('USAGE', 'users add: --email, --organisation and --role are required');
          const role = values.role as (typeof ROLES)[number];
          if (!ROLES.includes(role))
            throw new AppError(
              'USAGE',
              `users add: --role must be admin, org-admin or member, got '${values.role}'`,
            );
          const email = values.email.trim().toLowerCase();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
            throw new AppError('USAGE', `users add: '${values.email}' is not an e-mail address`);
          const password = values['password-stdin'] ? await readStdin() : undefined;
          const { organisation, created } = await accounts.ensureOrganisation(
            ctx,
            values.organisation.trim(),
          );
          if (created) say(`veerkracht: organisation '${organisation.name}' created`);
          const { user, invitation } = await accounts.addUser(ctx, 'cli', {
            email,
            ...(values.name !== undefined ? { name: values.name.trim() } : {}),
            role,
            organisationId: organisation.id,
            ...(password !== undefined ? { password } : {}),
          });
          say(`veerkracht: user ${user.email} (${user.role}, ${organisation.name}) added`);
          if (invitation) {
            const url = `${baseUrl}/wachtwoord#${invitation.token}`;
            say(`invitation link (valid until ${invitation.expiresAt}): ${url}`);
            await mailLink(user, invitation, url);
          }
          return;
        }
        case 'list': {
          const orgs = await store.members.listOrganisations();
          const names = new Map(orgs.map((o) => [o.id, o.name]));
          const filter = values.organisation?.trim().toLowerCase();
          const users = (await store.members.listUsers({})).filter(
            (u) => !filter || names.get(u.organisationId)?.toLowerCase() === filter,
          );
          if (!users.length) say('no users (add the first admin with `veerkracht users add --role admin`)');
          for (const u of users) {
            const status = u.disabled ? 'disabled' : u.passwordHash ? 'active' : 'invited';
            say(
              [
                u.email,
                u.name ?? '-',
                names.get(u.organisationId) ?? '?',
                u.role,
                status,
                u.lastLoginAt ?? 'never',
              ].join('\t'),
            );
          }
          return;
        }
        case 'disable':
        case 'enable': {
          const user = await userByEmail();
          await accounts.updateUser(ctx, 'cli', user.id, { disabled: action === 'disable' });
          say(`veerkracht: ${user.email} ${action}d${action === 'disable' ? '; their sessions ended' : ''}`);
          return;
        }
        case 'reset-link': {
          const user = await userByEmail();
          const link = await accounts.createAccountLink(ctx, 'cli', user.id);
          const url = `${baseUrl}/wachtwoord#${link.token}`;
          say(`${link.purpose} link for ${user.email} (valid until ${link.expiresAt}): ${url}`);
          await mailLink(user, link, url);
          return;
        }
      }
    } finally {
      mailer?.close();
      await store.close();
    }
  },
};
