/**
 * Password hashing with argon2id (@node-rs/argon2), parameters in
 * docs/decisions/004-argon2id-parameters.md: 64 MiB, 3 passes, 1 lane. A hash made with other
 * parameters still verifies and is re-hashed at the next login (`needsRehash`).
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

export const ARGON2ID = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id (a const enum, not importable as a value here)
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 1,
} as const;

const PHC_PARAMS = `$argon2id$v=19$m=${ARGON2ID.memoryCost},t=${ARGON2ID.timeCost},p=${ARGON2ID.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** False for a wrong password and for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when the hash was made with other parameters than today's. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(PHC_PARAMS);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification without an account, so that a login with an unknown
 * address takes as long as one with a wrong password (no account enumeration by timing).
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('veerkracht: no such account');
  await verifyPassword(await dummy, password);
  return false;
}
