import Taro from '@tarojs/taro';

/** A short, non-blocking message (errors after an action, confirmations). */
export function showToast(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}
