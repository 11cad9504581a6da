// A registration point's QR (`yima:reg:<point id>`): members scan it with
// the mini-program to open the point's form. Printed as a PNG like the
// stall collection code.
import { renderQrSvg } from '@yima/shared/code-protocol/qr';

export const regCodePayload = (pointId: string) => `yima:reg:${pointId}`;

export function regQrSvg(pointId: string): string {
  return renderQrSvg(regCodePayload(pointId), { errorCorrection: 'M', pixelSize: 200 });
}

export function regCodeFileName(pointName: string): string {
  return `${pointName.replace(/[\\/:*?"<>|]/g, '_')}-登记码.png`;
}
