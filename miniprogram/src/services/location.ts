import Taro from '@tarojs/taro';

export interface Coordinates {
  lat: number;
  lng: number;
  /** True when the device gave no location and the Shanghai fallback is used. */
  fallback: boolean;
}

/** Central Shanghai (People's Square), used when the device gives no location. */
export const FALLBACK_COORDINATES: Coordinates = { lat: 31.23, lng: 121.47, fallback: true };
const LOCATION_TIMEOUT_MS = 4_000;

/** The device location, or the Shanghai fallback on refusal, error or time-out. */
export async function locate(): Promise<Coordinates> {
  const timeout = new Promise<Coordinates>((resolve) =>
    setTimeout(() => resolve(FALLBACK_COORDINATES), LOCATION_TIMEOUT_MS),
  );
  // Browsers only give GPS (WGS-84) coordinates and Taro's H5 getLocation refuses anything else;
  // the up to ~0.5 km offset from the GCJ-02 map grid does not change which store is nearest.
  const location = Taro.getLocation({ type: process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02' }).then(
    (result): Coordinates => ({ lat: result.latitude, lng: result.longitude, fallback: false }),
    () => FALLBACK_COORDINATES,
  );
  return Promise.race([location, timeout]);
}
