import { describe, expect, it } from 'vitest';
import { cardDesignSchema, checkCardImage, imageDimensions } from './card-design.ts';

function png(width: number, height: number, size = 64): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}
function jpeg(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment of length 16, then SOF0 with height/width.
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0)];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 3, ...new Array(9).fill(0)];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

describe('card images', () => {
  it('reads PNG and JPEG dimensions and refuses other types', () => {
    expect(imageDimensions(png(1000, 600))).toEqual({ contentType: 'image/png', width: 1000, height: 600 });
    expect(imageDimensions(jpeg(1000, 600))).toEqual({ contentType: 'image/jpeg', width: 1000, height: 600 });
    expect(imageDimensions(new TextEncoder().encode('GIF89a........................'))).toBeNull();
  });
  it('enforces the cover size and the 1 MB limit with a message saying what is wrong', () => {
    expect(checkCardImage(png(1000, 600), 'cover').contentType).toBe('image/png');
    expect(() => checkCardImage(png(800, 600), 'cover')).toThrow('当前 800×600');
    expect(() => checkCardImage(png(1000, 600, 1024 * 1024 + 1), 'cover')).toThrow('1 MB');
    expect(checkCardImage(png(200, 200), 'logo').width).toBe(200);
  });
});

describe('card design', () => {
  it('accepts up to 3 info items and 2 entries, https only, with mini-program fallbacks', () => {
    const design = cardDesignSchema.parse({
      infoItems: [{ label: '员工手册', url: 'https://example.com/handbook' }],
      entries: [
        { type: 'h5', label: '报修', url: 'https://example.com/repair' },
        { type: 'miniprogram', label: '班车', originalId: 'gh_0123456789ab', path: 'pages/bus/index', fallbackUrl: 'https://example.com/bus' },
      ],
    });
    expect(design.face).toEqual({ textPosition: 'bottom-left', fontSize: 16, color: '#FFFFFF', textShadow: true });
    expect(() => cardDesignSchema.parse({ infoItems: Array(4).fill({ label: 'a', url: 'https://x.example' }) })).toThrow('最多3个信息项');
    expect(() => cardDesignSchema.parse({ infoItems: [{ label: 'a', url: 'http://x.example' }] })).toThrow('https');
    expect(() => cardDesignSchema.parse({ entries: [{ type: 'miniprogram', label: 'x', originalId: 'wx123', fallbackUrl: 'https://x.example' }] })).toThrow('原始ID');
  });
});
