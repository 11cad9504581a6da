import { describe, expect, it } from 'vitest';
import { faceTextAnchor, posterFileName, posterLayout, svgDataUrl } from './card-poster.ts';

describe('poster layout', () => {
  it('keeps the card at the cover ratio and stacks card, QR and caption without overlap', () => {
    const l = posterLayout(750);
    expect(l.card.width / l.card.height).toBeCloseTo(1000 / 600, 2);
    expect(l.qr.y).toBeGreaterThan(l.card.y + l.card.height);
    expect(l.caption.y).toBeGreaterThan(l.qr.y + l.qr.height);
    expect(l.caption.y).toBeLessThan(l.height);
    expect(l.qr.x + l.qr.width / 2).toBe(l.width / 2);
  });

  it('anchors the card name by the face position', () => {
    const card = { x: 100, y: 200, width: 500, height: 300 };
    expect(faceTextAnchor(card, { textPosition: 'bottom-left', fontSize: 16, color: '#FFFFFF', textShadow: true }, 1)).toEqual({ x: 124, y: 476, align: 'left', baseline: 'bottom' });
    expect(faceTextAnchor(card, { textPosition: 'top-right', fontSize: 16, color: '#FFFFFF', textShadow: true }, 1)).toEqual({ x: 576, y: 224, align: 'right', baseline: 'top' });
    expect(faceTextAnchor(card, { textPosition: 'center', fontSize: 16, color: '#FFFFFF', textShadow: true }, 1)).toEqual({ x: 350, y: 350, align: 'center', baseline: 'middle' });
  });

  it('encodes SVG as a data URL and makes a safe file name', () => {
    expect(svgDataUrl('<svg a="#"/>')).toBe('data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%22%23%22%2F%3E');
    expect(posterFileName('员工卡/A:B')).toBe('员工卡_A_B-领卡海报.png');
  });
});
