import { describe, expect, it } from 'vitest';
import { qrModeFor, renderQrMatrix, renderQrSvg } from './qr.ts';
import { T0, makeFixture } from './test-fixtures.ts';

const code = makeFixture().code(T0 + 100, 1);

describe('QR rendering', () => {
  it('puts codes in alphanumeric mode, version 12 at ECC M (65x65) and 10 at L', () => {
    const m = renderQrMatrix(code.text);
    expect(m).toMatchObject({ mode: 'Alphanumeric', errorCorrection: 'M', version: 12, size: 65 });
    expect(m.modules).toHaveLength(65);
    expect(m.modules.every((row) => row.length === 65)).toBe(true);
    // Finder pattern corner is dark.
    expect(m.modules[0]![0]).toBe(true);
    expect(renderQrMatrix(code.text, { errorCorrection: 'L' }).version).toBe(10);
  });

  it('falls back to byte mode only for text outside the alphanumeric set', () => {
    expect(qrModeFor('YM1:ABC $%*+-./')).toBe('Alphanumeric');
    expect(qrModeFor('ym1:abc')).toBe('Byte');
    expect(() => renderQrMatrix('码')).toThrow();
  });

  it('renders a standalone SVG with a quiet zone', () => {
    const svg = renderQrSvg(code.text, { pixelSize: 260, dark: '#111' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 73 73" width="260"')).toBe(true);
    expect(svg).toContain('fill="#111"');
    expect(svg).not.toContain('data:');
    // One path run per horizontal stretch of dark modules.
    const runs = svg.match(/M\d+ \d+h\d+v1h-\d+z/g) ?? [];
    const dark = renderQrMatrix(code.text).modules.flat().filter(Boolean).length;
    const total = runs.reduce((sum, r) => sum + Number(/h(\d+)/.exec(r)![1]), 0);
    expect(total).toBe(dark);
  });
});
