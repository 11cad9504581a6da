// What a service-hall entry opens: a built-in app's page (BUILTIN_APPS of
// @yima/shared), an H5 link, or another mini-program.
import { builtinApp } from '@yima/shared/portal/apps';
import { base64urlDecode, parseCredential } from '@yima/shared/code-protocol/index';
import { ROUTES, type RouteName } from '../constants/routes';
import { getLocale } from '../i18n';
import type { PortalEntry } from '../services/portal.service';

export type EntryTarget =
  | { type: 'page'; route: RouteName }
  | { type: 'h5'; url: string }
  | { type: 'miniprogram'; appId: string; path: string | null }
  | { type: 'none' };

/**
 * The route of a BUILTIN_APPS page. Pages are matched as written, and also
 * without a trailing `/index` (shared lists 访客 as
 * `/pages/visitor/mine/index`; the page is `pages/visitor/mine`).
 */
export function routeForPage(page: string): RouteName | null {
  const wanted = page.startsWith('/') ? page : `/${page}`;
  const candidates = [wanted, wanted.replace(/\/index$/, '')];
  for (const candidate of candidates) {
    const found = (Object.keys(ROUTES) as RouteName[]).find((name) => ROUTES[name] === candidate);
    if (found) return found;
  }
  return null;
}

/** The entry's name: a built-in app's name in the UI language, else the entry's own. */
export function entryName(entry: PortalEntry): string {
  if (entry.kind === 'app' && entry.appKey) {
    const app = builtinApp(entry.appKey);
    if (app) return app.name[getLocale()] ?? app.name['zh-CN'];
  }
  return entry.name ?? entry.appKey ?? '';
}

export function entryTarget(entry: PortalEntry): EntryTarget {
  if (entry.kind === 'app') {
    const app = entry.appKey ? builtinApp(entry.appKey) : undefined;
    const route = app ? routeForPage(app.page) : null;
    return route ? { type: 'page', route } : { type: 'none' };
  }
  if (entry.linkType === 'miniprogram' && entry.mpAppid) return { type: 'miniprogram', appId: entry.mpAppid, path: entry.mpPath };
  if (entry.url) return { type: 'h5', url: entry.url };
  return { type: 'none' };
}

/** The card id inside a stored credential (base64url); null when it cannot be read. */
export function cardIdOfCredential(credential: string): string | null {
  try {
    return parseCredential(base64urlDecode(credential)).fields.cardId;
  } catch {
    return null;
  }
}
