/**
 * QR rendering for codes: a module matrix (for canvas drawing in the
 * mini-program) and a self-contained SVG string (no data URLs, no DOM).
 * Codes are base45, i.e. exactly the QR alphanumeric alphabet, so they are
 * always put in alphanumeric mode (5.5 bits per character).
 */
import qrcode from 'qrcode-generator';
import { BASE45_ALPHABET } from './encoding.ts';

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type QrMode = 'Alphanumeric' | 'Byte';

export interface QrOptions {
  /**
   * Default 'M' (15% recovery): phone screens are clean, but glare, cracked
   * screens and scratched scanner windows are not; 'L' gives one or two
   * versions smaller (bigger modules) if scanners struggle with density.
   */
  errorCorrection?: QrErrorCorrection;
}

export interface QrMatrix {
  /** Modules per side (without quiet zone). */
  size: number;
  /** QR version 1..40 (size = 17 + 4 * version). */
  version: number;
  errorCorrection: QrErrorCorrection;
  mode: QrMode;
  /** modules[row][col], true = dark. */
  modules: boolean[][];
}

const ALNUM = new Set(BASE45_ALPHABET);

/** Alphanumeric when every character allows it, else byte mode (ASCII only). */
export function qrModeFor(text: string): QrMode {
  for (const ch of text) if (!ALNUM.has(ch)) return 'Byte';
  return 'Alphanumeric';
}

export function renderQrMatrix(text: string, options: QrOptions = {}): QrMatrix {
  // The library's byte mode keeps only the low 8 bits of each UTF-16 unit.
  if (/[^\x00-\x7f]/.test(text)) throw new TypeError('QR text must be ASCII');
  const errorCorrection = options.errorCorrection ?? 'M';
  const mode = qrModeFor(text);
  const qr = qrcode(0, errorCorrection);
  qr.addData(text, mode);
  qr.make();
  const size = qr.getModuleCount();
  const modules: boolean[][] = [];
  for (let r = 0; r < size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c++) row.push(qr.isDark(r, c));
    modules.push(row);
  }
  return { size, version: (size - 17) / 4, errorCorrection, mode, modules };
}

export interface QrSvgOptions extends QrOptions {
  /** Quiet zone in modules (the standard asks for 4). */
  margin?: number;
  /** Rendered width/height attribute; the viewBox is in modules either way. */
  pixelSize?: number;
  dark?: string;
  light?: string;
}

/**
 * A standalone SVG: one background rect and one path of horizontal runs,
 * in module units, with crispEdges so it scales without blur.
 */
export function renderQrSvg(text: string, options: QrSvgOptions = {}): string {
  const m = renderQrMatrix(text, options);
  const margin = options.margin ?? 4;
  const dark = options.dark ?? '#000';
  const light = options.light ?? '#fff';
  const full = m.size + margin * 2;
  let d = '';
  m.modules.forEach((row, y) => {
    let x = 0;
    while (x < m.size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < m.size && row[x]) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h-${x - start}z`;
    }
  });
  const sizeAttr = options.pixelSize ? ` width="${options.pixelSize}" height="${options.pixelSize}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}"${sizeAttr} shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="${escapeAttr(light)}"/>` +
    `<path fill="${escapeAttr(dark)}" d="${d}"/></svg>`
  );
}

function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
