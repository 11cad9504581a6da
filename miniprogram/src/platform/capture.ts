import { IS_WEAPP } from './env';

// Screenshot defence on the card page (protocol section 16). Rotation is the
// real defence; these only deter: WeChat tells us when the user takes a
// screenshot, and can blank the page in screenshots and recordings. H5 has
// neither, so everything here is a no-op there.

/** Calls `listener` on every screenshot while subscribed; returns the unsubscribe function. */
export function onUserCaptureScreen(listener: () => void): () => void {
  const api = IS_WEAPP && typeof wx !== 'undefined' ? wx : undefined;
  if (!api?.onUserCaptureScreen) return () => undefined;
  api.onUserCaptureScreen(listener);
  return () => api.offUserCaptureScreen?.(listener);
}

/**
 * `hidden` blanks the page in screenshots and screen recordings (WeChat base
 * library 3.3+ on iOS/Android); silently ignored where unsupported.
 */
export function setHiddenOnCapture(hidden: boolean): void {
  const api = IS_WEAPP && typeof wx !== 'undefined' ? wx : undefined;
  if (!api?.setVisualEffectOnCapture) return;
  try {
    api.setVisualEffectOnCapture({ visualEffect: hidden ? 'hidden' : 'none', fail: () => undefined });
  } catch {
    // Some clients throw for the API instead of calling fail.
  }
}
