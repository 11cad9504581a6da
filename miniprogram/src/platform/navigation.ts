import Taro from '@tarojs/taro';
import { ROUTES, type RouteName } from '../constants/routes';

// Navigation by route name, so pages never spell a path.

/** Pushes a page onto the stack. */
export function navigateTo(route: RouteName): Promise<unknown> {
  return Taro.navigateTo({ url: ROUTES[route] });
}

/** Replaces the current page. */
export function redirectTo(route: RouteName): Promise<unknown> {
  return Taro.redirectTo({ url: ROUTES[route] });
}

/** Closes every page and opens this one (after sign-in and sign-out). */
export function reLaunch(route: RouteName): Promise<unknown> {
  return Taro.reLaunch({ url: ROUTES[route] });
}
