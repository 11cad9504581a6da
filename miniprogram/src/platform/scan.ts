import Taro from '@tarojs/taro';

/** Opens the camera for a QR code and resolves with its text (weapp). Rejects when the user cancels. */
export async function scanQrCode(): Promise<string> {
  const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
  return result.result;
}

/** True when the rejection means the user closed the scanner (not an error to show). */
export function isScanCancelled(error: unknown): boolean {
  const message = (error as { errMsg?: string } | null)?.errMsg ?? (error instanceof Error ? error.message : '');
  return /cancel/i.test(message);
}
