import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useEffect } from 'react';
import { IS_WEAPP } from './env';

/**
 * WeChat's share menu for this page: forwards `path` (a page path with its
 * query) under `title`. The page config needs `enableShareAppMessage: true`.
 * H5 has no share menu: the page shows the link and its QR instead.
 */
export function useSharePath(share: { title: string; path: string } | null): void {
  useShareAppMessage(() => (share ? { title: share.title, path: share.path } : {}));
  const ready = share !== null;
  useEffect(() => {
    if (IS_WEAPP && ready) void Taro.showShareMenu({ withShareTicket: false }).catch(() => undefined);
  }, [ready]);
}

/** Copies text (WeChat's clipboard API; H5's Taro maps it to the browser clipboard). */
export async function copyText(text: string): Promise<void> {
  await Taro.setClipboardData({ data: text });
}
