/** Readable text for a value flag from the API (suppressed, harmonised, estimated, too-few-residents). */
import type { Messages } from '../i18n/messages.js';

export function flagLabel(flag: string, t: Messages): string {
  switch (flag) {
    case 'suppressed':
      return t.flagSuppressed;
    case 'harmonised':
      return t.flagHarmonised;
    case 'estimated':
      return t.flagEstimated;
    case 'too-few-residents':
      return t.flagTooFew;
    default:
      return flag;
  }
}
