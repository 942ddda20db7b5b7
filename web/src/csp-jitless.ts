/**
 * Imported first by main.ts. The server's Content-Security-Policy forbids eval (script-src 'self',
 * docs/security.md). zod, which the shared schemas bring into the bundle, otherwise probes for
 * eval with `new Function('')` — caught, but reported by the browser as a CSP violation on every
 * page. Telling zod up front that there is no eval removes the probe; nothing else changes.
 */
import { config } from 'zod';

config({ jitless: true });
