/**
 * Login throttling per account and per client address. Every attempt is counted before the
 * password is checked, in one statement per key, so parallel guesses cannot slip past the
 * limit; within a window (default 15 minutes) an account gets 5 attempts and an address 50.
 * Beyond that, attempts are refused with TOO_MANY_ATTEMPTS without checking the password, so a
 * guess during the lock-out learns nothing. A successful login clears the account's count and
 * takes its attempt back from the address. Counts live in the store (shared by app instances).
 */
import { AppError } from '../../core/app-error.js';
import { minutesFrom, type MembersContext } from './members-context.js';

export function accountKey(email: string): string {
  return `account:${email}`;
}

export function addressKey(address: string): string {
  return `address:${address}`;
}

function limitOf(ctx: MembersContext, key: string): number {
  return key.startsWith('account:') ? ctx.settings.throttle.perAccount : ctx.settings.throttle.perAddress;
}

/** Counts an attempt under each key; TOO_MANY_ATTEMPTS when one is over its limit. */
export async function countAttempt(ctx: MembersContext, keys: readonly string[]): Promise<void> {
  const now = ctx.now();
  const windowMinutes = ctx.settings.throttle.windowMinutes;
  let blockedUntil = 0;
  for (const key of keys) {
    const row = await ctx.read.store.members.countAttempt(
      key,
      now.toISOString(),
      minutesFrom(now, -windowMinutes),
    );
    if (row.failures > limitOf(ctx, key))
      blockedUntil = Math.max(blockedUntil, Date.parse(row.windowStart) + windowMinutes * 60_000);
  }
  if (blockedUntil > 0) {
    const minutes = Math.max(1, Math.ceil((blockedUntil - now.getTime()) / 60_000));
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      `too many login attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      { details: { retryAfterSeconds: minutes * 60 } },
    );
  }
}

/** After a successful login: the account starts afresh, the address gets its attempt back. */
export async function loginSucceeded(ctx: MembersContext, account: string, address: string): Promise<void> {
  await ctx.read.store.members.clearThrottle(account);
  await ctx.read.store.members.forgiveAttempt(address);
}
