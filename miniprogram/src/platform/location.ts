import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

export interface Position {
  latitude: number;
  longitude: number;
  /** Metres; null when the platform does not say. */
  accuracy: number | null;
}

const H5_TIMEOUT_MS = 10_000;

function fromBrowser(): Promise<Position | null> {
  const geolocation = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (position) =>
        resolve({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy: Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : null,
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: H5_TIMEOUT_MS, maximumAge: 30_000 },
    );
  });
}

/**
 * The phone's position for a geofenced check (WeChat: gcj02, as WeChat maps
 * and the event's coordinates use; H5: the browser's geolocation). Null when
 * the user refused or it could not be had: the caller sends without it and
 * the server says whether it was needed.
 */
export async function currentPosition(): Promise<Position | null> {
  if (IS_H5) return fromBrowser();
  try {
    const result = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 });
    return { latitude: result.latitude, longitude: result.longitude, accuracy: typeof result.accuracy === 'number' ? result.accuracy : null };
  } catch {
    return null;
  }
}
