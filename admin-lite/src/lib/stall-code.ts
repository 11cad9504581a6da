// A stall's collection code (收款码): a QR of `yima:stall:<stall_id>` that
// members scan with the mini-program to pay that stall. Printed as a PNG
// (QR, stall and merchant name) drawn like the card issuance poster.
import { renderQrSvg } from '@yima/shared/code-protocol/qr';
import { loadImage, svgDataUrl } from './card-poster.ts';

export const stallCodePayload = (stallId: string) => `yima:stall:${stallId}`;

export function stallQrSvg(stallId: string): string {
  return renderQrSvg(stallCodePayload(stallId), { errorCorrection: 'M', pixelSize: 200 });
}

/** File name for the PNG: no characters Windows refuses. */
export function stallCodeFileName(merchantName: string, stallName: string): string {
  return `${`${merchantName}-${stallName}`.replace(/[\\/:*?"<>|]/g, '_')}-收款码.png`;
}

/** 600×760: title, QR, caption. Browser only (canvas). */
export async function renderStallCodePng(input: { qrSvg: string; title: string; caption: string }): Promise<Uint8Array> {
  const width = 600;
  const height = 760;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d is not available');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1f2937';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = 'bold 34px sans-serif';
  ctx.fillText(input.title, width / 2, 70);
  ctx.drawImage(await loadImage(svgDataUrl(input.qrSvg)), 90, 130, 420, 420);
  ctx.fillStyle = '#4b5563';
  ctx.font = '24px sans-serif';
  ctx.fillText(input.caption, width / 2, 620);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('canvas could not export PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
