// A QR matrix as horizontal runs of dark modules, for drawing with plain
// Views (works the same in the mini-program and H5, no canvas): one absolutely
// positioned block per run instead of one node per module (about 1,000 nodes
// instead of 4,225 for a version-12 code).
import { renderQrMatrix } from '@yima/shared/code-protocol/index';

export interface QrRun {
  row: number;
  col: number;
  length: number;
}

export interface QrLayout {
  /** Modules per side, quiet zone included. */
  size: number;
  runs: QrRun[];
}

export const QR_QUIET_ZONE = 4;

export function qrLayout(text: string, quietZone = QR_QUIET_ZONE): QrLayout {
  const matrix = renderQrMatrix(text);
  const runs: QrRun[] = [];
  matrix.modules.forEach((row, r) => {
    let c = 0;
    while (c < matrix.size) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < matrix.size && row[c]) c += 1;
      runs.push({ row: r + quietZone, col: start + quietZone, length: c - start });
    }
  });
  return { size: matrix.size + quietZone * 2, runs };
}
