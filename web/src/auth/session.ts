/**
 * The viewer in the browser: GET /api/session once at start (a user with their CSRF token, a
 * share link, or anonymous) and every write to the API with that token as X-CSRF-Token. The
 * session itself is an HttpOnly cookie the page never sees.
 */
import type { SessionResponse } from '../../../src/api/members.js';
import { authHeaders, parseApiResponse } from '../api-client.js';

let current: SessionResponse | null = null;

export function currentSession(): SessionResponse | null {
  return current;
}

function parse<T>(response: Response, what: string): Promise<T> {
  return parseApiResponse<T>(response, what);
}

export async function loadSession(): Promise<SessionResponse> {
  const response = await fetch('/api/session', { headers: { accept: 'application/json', ...authHeaders() } });
  current = await parse<SessionResponse>(response, '/api/session');
  return current;
}

/** A GET of a members route (not cached: private data). */
export async function readJson<T>(path: string): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json', ...authHeaders() },
    cache: 'no-store',
  });
  return parse<T>(response, path);
}

/** A write with the session's CSRF token; `body` as JSON, or raw text with its content type. */
export async function writeJson<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  raw?: { text: string; type: string },
): Promise<T> {
  const csrf = current?.kind === 'user' ? current.csrfToken : '';
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrf };
  if (raw) headers['content-type'] = raw.type;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: raw ? raw.text : body !== undefined ? JSON.stringify(body) : null,
  });
  if (response.status === 204) return undefined as T;
  return parse<T>(response, path);
}

export async function login(email: string, password: string): Promise<SessionResponse> {
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  current = await parse<SessionResponse>(response, '/api/session');
  return current;
}

export async function logout(): Promise<void> {
  await writeJson('DELETE', '/api/session');
  current = null;
}

/** The share-link token of a `/s/<token>` path, else null. */
export function shareTokenFromPath(pathname: string): string | null {
  const m = /^\/s\/([A-Za-z0-9_-]{20,100})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}
