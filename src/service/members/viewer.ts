/**
 * Who asks: every request has one viewer, resolved once by the server's auth middleware from a
 * session cookie or a share-link Bearer token. Read services that return per-viewer data take it.
 */
import type { AccessMode } from '../../api/members.js';
import type { Role } from '../../storage/members-store.js';

export type { AccessMode };

export interface AnonymousViewer {
  kind: 'anonymous';
}

export interface UserViewer {
  kind: 'user';
  userId: number;
  email: string;
  name: string | null;
  organisationId: number;
  role: Role;
  /** SHA-256 of the session id (the store's key). */
  sessionIdHash: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ShareLinkViewer {
  kind: 'share-link';
  linkId: string;
  organisationId: number;
  /** The shared gemeente code or region id. */
  area: string;
  /** The gemeenten of the shared area (one for a gemeente). */
  gemeenten: readonly string[];
  map: string | null;
  period: string | null;
  includeOwnStock: boolean;
  includeNotes: boolean;
}

export type Viewer = AnonymousViewer | UserViewer | ShareLinkViewer;

export const ANONYMOUS: AnonymousViewer = { kind: 'anonymous' };

/** Role order: admin ⊇ org-admin ⊇ member. */
const RANK: Record<Role, number> = { member: 1, 'org-admin': 2, admin: 3 };

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.kind === 'user' && RANK[viewer.role] >= RANK[role];
}

/** The organisation whose private data the viewer may read (own stock, private notes, regions); null for none. */
export function privateOrganisation(viewer: Viewer): number | null {
  return viewer.kind === 'user' ? viewer.organisationId : null;
}

/**
 * What a per-viewer response depends on: all users of one organisation see the same private
 * data, each share link its own; anonymous viewers share one scope.
 */
export function viewerScope(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'anonymous':
      return 'anon';
    case 'user':
      return `org:${viewer.organisationId}`;
    case 'share-link':
      return `link:${viewer.linkId}`;
  }
}

/** How the audit log names the viewer. */
export function actorName(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'user':
      return viewer.email;
    case 'share-link':
      return `share-link:${viewer.linkId}`;
  }
}
