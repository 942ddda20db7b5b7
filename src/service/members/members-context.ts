/**
 * What the members services work on: the read context (store, engine state), the settings of
 * the deployment (access mode, session lifetimes, link lifetimes, throttling), a clock, so
 * tests can move time instead of waiting, and the mailer when the deployment has one.
 */
import type { AccessMode } from '../../api/members.js';
import type { ReadContext } from '../read-context.js';
import type { Mailer } from './mail.js';

export interface ThrottleSettings {
  windowMinutes: number;
  /** Failed logins per account (e-mail address) within the window before it is refused. */
  perAccount: number;
  /** Failed logins per client address within the window before it is refused. */
  perAddress: number;
}

export interface MembersSettings {
  access: AccessMode;
  /** A session ends after this long without a request … */
  sessionIdleMinutes: number;
  /** … and this long after login, whatever happens. */
  sessionAbsoluteHours: number;
  shareLinkDefaultDays: number;
  shareLinkMaxDays: number;
  invitationDays: number;
  resetHours: number;
  throttle: ThrottleSettings;
  /** Mails invitation and reset links (mail.ts); null: no SMTP server, links are only shown. */
  mailer: Mailer | null;
}

export const DEFAULT_MEMBERS_SETTINGS: MembersSettings = {
  access: 'public',
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 12,
  shareLinkDefaultDays: 90,
  shareLinkMaxDays: 365,
  invitationDays: 7,
  resetHours: 24,
  throttle: { windowMinutes: 15, perAccount: 5, perAddress: 50 },
  mailer: null,
};

export interface MembersContext {
  read: ReadContext;
  settings: MembersSettings;
  now(): Date;
  /** Sends invitation and reset links by mail; null when no SMTP server is configured (mail.ts). */
  mailer: Mailer | null;
}

export function createMembersContext(
  read: ReadContext,
  settings: Partial<MembersSettings> = {},
  now: () => Date = () => new Date(),
): MembersContext {
  const merged: MembersSettings = {
    ...DEFAULT_MEMBERS_SETTINGS,
    ...settings,
    throttle: { ...DEFAULT_MEMBERS_SETTINGS.throttle, ...settings.throttle },
  };
  return { read, settings: merged, now, mailer: merged.mailer };
}

/** ISO time `minutes` from now (negative: ago). */
export function minutesFrom(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
