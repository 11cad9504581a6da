import Taro from '@tarojs/taro';
import { ROUTES, type RouteName } from '../constants/routes';

// Navigation by route name, so pages never spell a path.

export type RouteParams = Record<string, string | undefined>;

/** `/pages/x/index?a=1`: page parameters URL-encoded, undefined ones left out. */
export function routeUrl(route: RouteName, params?: RouteParams): string {
  const query = Object.entries(params ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return query ? `${ROUTES[route]}?${query}` : ROUTES[route];
}

/** Pushes a page onto the stack. */
export function navigateTo(route: RouteName, params?: RouteParams): Promise<unknown> {
  return Taro.navigateTo({ url: routeUrl(route, params) });
}

/** Replaces the current page. */
export function redirectTo(route: RouteName, params?: RouteParams): Promise<unknown> {
  return Taro.redirectTo({ url: routeUrl(route, params) });
}

/** Closes every page and opens this one (after sign-in and sign-out). */
export function reLaunch(route: RouteName, params?: RouteParams): Promise<unknown> {
  return Taro.reLaunch({ url: routeUrl(route, params) });
}

/** This page's parameters (Taro leaves them URL-encoded on some platforms). */
export function pageParams(): RouteParams {
  const params = Taro.getCurrentInstance()?.router?.params ?? {};
  const decoded: RouteParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    try {
      decoded[key] = decodeURIComponent(value);
    } catch {
      decoded[key] = value;
    }
  }
  return decoded;
}

/** Back to the previous page. */
export function navigateBack(): Promise<unknown> {
  return Taro.navigateBack({ delta: 1 });
}
