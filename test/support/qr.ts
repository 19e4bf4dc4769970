import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text a QR code image holds, as a phone's camera would read it, or null when none is found. */
export const decodeQr = (png: Buffer): string | null => {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
};
