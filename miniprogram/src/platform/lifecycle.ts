import { useDidHide, useDidShow } from '@tarojs/taro';
import { useState } from 'react';

/**
 * False while this page is covered by another one (navigateTo) or the app is
 * in the background; true again when it shows. Taro page lifecycle, usable
 * from any component inside the page.
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}
