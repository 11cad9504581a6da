// What an admin designs on a card (电子卡): the face, up to 3 info items and
// 2 custom entries (an H5 page or a mini-program), and the image rules. The
// console validates with these schemas; the database re-checks the limits.
import { z } from 'zod';

export const CARD_LIMITS = { infoItems: 3, entries: 2, imageBytes: 1024 * 1024, cover: { width: 1000, height: 600 } } as const;
export const CARD_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;

const httpsUrl = z.string().trim().url('请输入完整的网址').refine((u) => /^https:\/\//.test(u), '链接必须以 https:// 开头');

export const cardFaceSchema = z.object({
  textPosition: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right', 'center']).default('bottom-left'),
  fontSize: z.number().int().min(12).max(36).default(16),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, '颜色格式应为 #RRGGBB').default('#FFFFFF'),
  textShadow: z.boolean().default(true),
});
export type CardFace = z.output<typeof cardFaceSchema>;

export const cardInfoItemSchema = z.object({
  label: z.string().trim().min(1, '请填写名称').max(12, '名称最多12字'),
  url: httpsUrl,
});

export const cardEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('h5'), label: z.string().trim().min(1).max(8, '入口名称最多8字'), url: httpsUrl }),
  z.object({
    type: z.literal('miniprogram'),
    label: z.string().trim().min(1).max(8, '入口名称最多8字'),
    /** The mini-program's original id (原始ID, gh_...). */
    originalId: z.string().regex(/^gh_[0-9a-f]{12}$/, '原始ID形如 gh_ 加12位十六进制'),
    path: z.string().trim().max(200).default(''),
    /** Opened where the mini-program cannot be (H5, old clients). */
    fallbackUrl: httpsUrl,
  }),
]);
export type CardEntry = z.output<typeof cardEntrySchema>;

export const cardDesignSchema = z.object({
  subtitle: z.string().trim().max(60).optional(),
  description: z.string().trim().max(2000).optional(),
  face: cardFaceSchema.default(cardFaceSchema.parse({})),
  infoItems: z.array(cardInfoItemSchema).max(CARD_LIMITS.infoItems, `最多${CARD_LIMITS.infoItems}个信息项`).default([]),
  entries: z.array(cardEntrySchema).max(CARD_LIMITS.entries, `最多${CARD_LIMITS.entries}个自定义入口`).default([]),
});
export type CardDesign = z.output<typeof cardDesignSchema>;

/** Checks an image's bytes before upload: type by magic number, size, and (for PNG/JPEG) dimensions. */
export function checkCardImage(bytes: Uint8Array, kind: 'cover' | 'logo'): { contentType: (typeof CARD_IMAGE_TYPES)[number]; width: number; height: number } {
  if (bytes.length > CARD_LIMITS.imageBytes) throw new Error('图片不能超过 1 MB');
  const dims = imageDimensions(bytes);
  if (!dims) throw new Error('只支持 JPG、JPEG 或 PNG 图片');
  if (kind === 'cover' && (dims.width !== CARD_LIMITS.cover.width || dims.height !== CARD_LIMITS.cover.height)) {
    throw new Error(`封面尺寸应为 ${CARD_LIMITS.cover.width}×${CARD_LIMITS.cover.height} 像素（当前 ${dims.width}×${dims.height}）`);
  }
  return dims;
}

/** Width and height from a PNG IHDR or a JPEG SOFn marker; null for anything else. */
export function imageDimensions(b: Uint8Array): { contentType: (typeof CARD_IMAGE_TYPES)[number]; width: number; height: number } | null {
  const u16 = (i: number) => (b[i]! << 8) | b[i + 1]!;
  const u32 = (i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    return { contentType: 'image/png', width: u32(16), height: u32(20) };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { contentType: 'image/jpeg', height: u16(i + 5), width: u16(i + 7) };
      }
      i += 2 + u16(i + 2);
    }
  }
  return null;
}
