import Taro from '@tarojs/taro';
import { IS_H5, IS_WEAPP } from './env';
import { copyText } from './share';

/**
 * Opens an https link of a portal entry. H5 goes there (the browser's back
 * returns to the card). The mini-program has no web-view page (a web-view
 * needs the domain registered as a business domain), so it copies the link
 * and says so: 'copied'.
 */
export async function openH5Link(url: string): Promise<'opened' | 'copied'> {
  if (IS_H5) {
    window.location.href = url;
    return 'opened';
  }
  await copyText(url);
  return 'copied';
}

/** True where another mini-program can be opened (WeChat only). */
export const CAN_OPEN_MINI_PROGRAM = IS_WEAPP;

/** Opens another mini-program (WeChat asks the user first). Rejects on cancel or refusal. */
export async function openMiniProgram(appId: string, path: string | null): Promise<void> {
  await Taro.navigateToMiniProgram({ appId, ...(path ? { path } : {}) });
}
