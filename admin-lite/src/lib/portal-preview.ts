// The 服务大厅 preview: what a member with a given department, tags,
// identity (or a given member) would see, computed from the admin's rows the
// way portal_for_me does (visible categories, enabled apps only).
import { builtinApp } from '@yima/shared/portal/apps';
import type { CustomAppRow } from '../services/apps.service.ts';
import type { CategoryRow, EntryRow, Visibility } from '../services/portal.service.ts';

export interface PreviewViewer {
  /** '' = no department chosen. */
  departmentId: string;
  tagIds: string[];
  identity: string;
  /** '' = not a specific member. */
  memberId: string;
}

export interface PreviewEntry {
  id: string;
  name: string;
  logoMediaId: string | null;
}
export interface PreviewCategory {
  id: string;
  name: string;
  entries: PreviewEntry[];
}

/** Any match is enough; no lists = everyone. `ancestors` = the viewer's department and its ancestors. */
export function visibilityMatches(v: Visibility, viewer: PreviewViewer, ancestors: ReadonlySet<string>): boolean {
  const lists = [v.departments, v.tags, v.identities, v.members];
  if (lists.every((l) => !l || l.length === 0)) return true;
  if (viewer.memberId && v.members?.includes(viewer.memberId)) return true;
  if (viewer.identity.trim() && v.identities?.includes(viewer.identity.trim())) return true;
  if (v.departments?.some((d) => ancestors.has(d))) return true;
  return Boolean(v.tags?.some((tag) => viewer.tagIds.includes(tag)));
}

/** The department and its ancestors, from parent links. */
export function ancestorIds(departmentId: string, parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const ids = new Set<string>();
  let current: string | null | undefined = departmentId || null;
  while (current && !ids.has(current)) {
    ids.add(current);
    current = parentOf.get(current);
  }
  return ids;
}

export interface PreviewInput {
  categories: readonly CategoryRow[];
  entries: readonly EntryRow[];
  enabledApps: ReadonlySet<string>;
  customApps: readonly CustomAppRow[];
  viewer: PreviewViewer;
  ancestors: ReadonlySet<string>;
}

export function previewHall({ categories, entries, enabledApps, customApps, viewer, ancestors }: PreviewInput): PreviewCategory[] {
  const custom = new Map(customApps.map((a) => [a.id, a]));
  const ordered = [...categories].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN'));
  return ordered
    .filter((c) => visibilityMatches(c.visibility, viewer, ancestors))
    .map((c) => ({
      id: c.id,
      name: c.name,
      entries: entries
        .filter((e) => e.category_id === c.id)
        .sort((a, b) => a.sort_order - b.sort_order)
        .flatMap((e): PreviewEntry[] => {
          if (e.kind === 'app') {
            const app = e.app_key ? builtinApp(e.app_key) : undefined;
            return app && enabledApps.has(app.key) ? [{ id: e.id, name: e.name ?? app.name['zh-CN'], logoMediaId: null }] : [];
          }
          if (e.kind === 'custom_app') {
            const app = e.custom_app_id ? custom.get(e.custom_app_id) : undefined;
            return app?.enabled ? [{ id: e.id, name: app.name, logoMediaId: app.logo_media_id }] : [];
          }
          return [{ id: e.id, name: e.name ?? '', logoMediaId: null }];
        }),
    }));
}
