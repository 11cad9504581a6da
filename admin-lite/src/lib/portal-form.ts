// Pure helpers of the 应用管理 / 服务大厅 forms: link checks (H5 or
// mini-program, as the database checks them), visibility drafts, reordering.
import type { LinkType } from '../services/apps.service.ts';
import type { Visibility } from '../services/portal.service.ts';
import { splitList } from './pricing-form.ts';

export interface LinkDraft {
  linkType: LinkType;
  url: string;
  mpAppid: string;
  mpPath: string;
}
export interface LinkValue {
  link_type: LinkType;
  url: string | null;
  mp_appid: string | null;
  mp_path: string | null;
}
export type LinkErrors = Partial<Record<'url' | 'mpAppid' | 'mpPath', 'urlRule' | 'appidRule' | 'pathRule'>>;

export const emptyLink = (): LinkDraft => ({ linkType: 'h5', url: '', mpAppid: '', mpPath: '' });
export const linkDraftOf = (row: Partial<LinkValue>): LinkDraft => ({ linkType: row.link_type ?? 'h5', url: row.url ?? '', mpAppid: row.mp_appid ?? '', mpPath: row.mp_path ?? '' });

const HTTPS = /^https:\/\/[^\s]{3,}$/;
const APPID = /^gh_[0-9a-f]{12}$|^wx[0-9a-f]{16}$/;

/** H5: an https URL; mini-program: original id (gh_…) or AppID (wx…), optional path and https fallback URL. */
export function checkLink(draft: LinkDraft): { ok: true; value: LinkValue } | { ok: false; errors: LinkErrors } {
  const url = draft.url.trim();
  const appid = draft.mpAppid.trim();
  const path = draft.mpPath.trim();
  const errors: LinkErrors = {};
  if (draft.linkType === 'h5') {
    if (!HTTPS.test(url) || url.length > 500) errors.url = 'urlRule';
  } else {
    if (!APPID.test(appid)) errors.mpAppid = 'appidRule';
    if (path.length > 200) errors.mpPath = 'pathRule';
    if (url && (!HTTPS.test(url) || url.length > 500)) errors.url = 'urlRule';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return draft.linkType === 'h5'
    ? { ok: true, value: { link_type: 'h5', url, mp_appid: null, mp_path: null } }
    : { ok: true, value: { link_type: 'miniprogram', url: url || null, mp_appid: appid, mp_path: path || null } };
}

export interface VisibilityDraft {
  departments: string[];
  tags: string[];
  /** As typed, separated by commas or 、. */
  identities: string;
  members: Array<{ id: string; name: string }>;
}

export const visibilityDraftOf = (v: Visibility, memberName: (id: string) => string = (id) => id): VisibilityDraft => ({
  departments: v.departments ?? [],
  tags: v.tags ?? [],
  identities: (v.identities ?? []).join('、'),
  members: (v.members ?? []).map((id) => ({ id, name: memberName(id) })),
});

/** Only non-empty lists are kept: {} = everyone. */
export function visibilityOf(draft: VisibilityDraft): Visibility {
  const identities = splitList(draft.identities);
  return {
    ...(draft.departments.length ? { departments: draft.departments } : {}),
    ...(draft.tags.length ? { tags: draft.tags } : {}),
    ...(identities.length ? { identities } : {}),
    ...(draft.members.length ? { members: draft.members.map((m) => m.id) } : {}),
  };
}

export const isEveryone = (v: Visibility) => !v.departments?.length && !v.tags?.length && !v.identities?.length && !v.members?.length;

/**
 * Moves rows[index] by delta (-1 up, +1 down) and numbers the list 10, 20, …;
 * returns the rows whose sort_order changes (empty when the move is impossible).
 */
export function moveChanges<R extends { id: string; sort_order: number }>(rows: readonly R[], index: number, delta: number): Array<{ id: string; sort_order: number }> {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [];
  const next = [...rows];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next.map((row, i) => ({ id: row.id, sort_order: (i + 1) * 10 })).filter((c, i) => next[i]!.sort_order !== c.sort_order);
}

/** The next sort_order after the last row. */
export const nextSortOrder = (rows: ReadonlyArray<{ sort_order: number }>) => rows.reduce((max, r) => Math.max(max, r.sort_order), 0) + 10;
