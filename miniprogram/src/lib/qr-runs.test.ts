import { renderQrMatrix } from '@yima/shared/code-protocol/index';
import { describe, expect, it } from 'vitest';
import { QR_QUIET_ZONE, qrLayout } from './qr-runs';

describe('QR runs', () => {
  it('draws exactly the dark modules of the matrix, inside a quiet zone', () => {
    const text = `YM1:${'ABC123 $%*+-./:'.repeat(26)}`;
    const matrix = renderQrMatrix(text);
    const layout = qrLayout(text);
    expect(layout.size).toBe(matrix.size + 2 * QR_QUIET_ZONE);
    const drawn = Array.from({ length: matrix.size }, () => Array<boolean>(matrix.size).fill(false));
    for (const run of layout.runs) {
      for (let c = run.col; c < run.col + run.length; c += 1) {
        const row = drawn[run.row - QR_QUIET_ZONE]!;
        expect(row[c - QR_QUIET_ZONE]).toBe(false); // runs never overlap
        row[c - QR_QUIET_ZONE] = true;
      }
    }
    expect(drawn).toEqual(matrix.modules);
    // Far fewer nodes than modules.
    expect(layout.runs.length).toBeLessThan(matrix.size * matrix.size / 3);
  });
});
