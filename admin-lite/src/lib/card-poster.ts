// The issuance poster (card face + claim QR + org name) drawn onto a canvas
// and saved as PNG. The layout and the text anchor are pure (tested); the
// drawing needs a browser canvas and images.
import type { CardFace } from '@yima/shared/cards/card-design';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PosterLayout {
  width: number;
  height: number;
  orgName: { x: number; y: number; size: number };
  card: Rect;
  qr: Rect;
  caption: { x: number; y: number; size: number };
}

/** A 750×1200 portrait poster; the card keeps the 1000×600 cover ratio. */
export function posterLayout(width = 750): PosterLayout {
  const margin = Math.round(width * 0.1);
  const cardWidth = width - 2 * margin;
  const cardHeight = Math.round((cardWidth * 600) / 1000);
  const qrSize = Math.round(width * 0.48);
  const cardTop = Math.round(width * 0.2);
  const qrTop = cardTop + cardHeight + Math.round(width * 0.1);
  return {
    width,
    height: Math.round(width * 1.6),
    orgName: { x: width / 2, y: Math.round(width * 0.11), size: Math.round(width * 0.05) },
    card: { x: margin, y: cardTop, width: cardWidth, height: cardHeight },
    qr: { x: Math.round((width - qrSize) / 2), y: qrTop, width: qrSize, height: qrSize },
    caption: { x: width / 2, y: qrTop + qrSize + Math.round(width * 0.07), size: Math.round(width * 0.035) },
  };
}

/** Where the card name goes inside the card rect, and how it is aligned. */
export function faceTextAnchor(card: Rect, face: CardFace, scale: number): { x: number; y: number; align: CanvasTextAlign; baseline: CanvasTextBaseline } {
  const pad = Math.round(24 * scale);
  const [v, h] = face.textPosition === 'center' ? ['center', 'center'] : (face.textPosition.split('-') as [string, string]);
  const x = h === 'left' ? card.x + pad : h === 'right' ? card.x + card.width - pad : card.x + card.width / 2;
  const y = v === 'top' ? card.y + pad : v === 'bottom' ? card.y + card.height - pad : card.y + card.height / 2;
  return { x, y, align: h === 'left' ? 'left' : h === 'right' ? 'right' : 'center', baseline: v === 'top' ? 'top' : v === 'bottom' ? 'bottom' : 'middle' };
}

/** An SVG string as a data: URL an <img> can load (and a canvas can draw untainted). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** File name for the poster: no characters Windows refuses. */
export function posterFileName(cardName: string): string {
  return `${cardName.replace(/[\\/:*?"<>|]/g, '_')}-领卡海报.png`;
}

export interface PosterInput {
  orgName: string;
  cardName: string;
  subtitle: string;
  face: CardFace;
  coverUrl: string | null;
  logoUrl: string | null;
  qrSvg: string;
  caption: string;
}

export function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`image failed to load: ${src.slice(0, 60)}`));
    image.src = src;
  });
}

/** Draws the poster and returns PNG bytes. Browser only. */
export async function renderPosterPng(input: PosterInput): Promise<Uint8Array> {
  const layout = posterLayout();
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d is not available');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);

  ctx.fillStyle = '#1f2937';
  ctx.font = `bold ${layout.orgName.size}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(input.orgName, layout.orgName.x, layout.orgName.y);

  const { card } = layout;
  if (input.coverUrl) {
    ctx.drawImage(await loadImage(input.coverUrl), card.x, card.y, card.width, card.height);
  } else {
    ctx.fillStyle = '#2563eb';
    ctx.fillRect(card.x, card.y, card.width, card.height);
  }
  const scale = card.width / 1000;
  if (input.logoUrl) {
    const size = Math.round(96 * scale);
    ctx.drawImage(await loadImage(input.logoUrl), card.x + card.width - size - 24 * scale, card.y + 24 * scale, size, size);
  }
  const anchor = faceTextAnchor(card, input.face, scale);
  // The preview's font size is for a 375px-wide card; scale to the poster's card.
  const nameSize = Math.round((input.face.fontSize * card.width) / 375);
  ctx.fillStyle = input.face.color;
  ctx.textAlign = anchor.align;
  ctx.textBaseline = anchor.baseline;
  if (input.face.textShadow) {
    ctx.shadowColor = 'rgba(0,0,0,0.6)';
    ctx.shadowBlur = 6;
  }
  ctx.font = `bold ${nameSize}px sans-serif`;
  const subtitleOffset = input.subtitle ? (anchor.baseline === 'bottom' ? -nameSize * 1.3 : 0) : 0;
  ctx.fillText(input.cardName, anchor.x, anchor.y + subtitleOffset);
  if (input.subtitle) {
    ctx.font = `${Math.round(nameSize * 0.6)}px sans-serif`;
    const below = anchor.baseline === 'bottom' ? 0 : anchor.baseline === 'top' ? nameSize * 1.3 : nameSize;
    ctx.fillText(input.subtitle, anchor.x, anchor.y + below);
  }
  ctx.shadowColor = 'transparent';
  ctx.shadowBlur = 0;

  ctx.drawImage(await loadImage(svgDataUrl(input.qrSvg)), layout.qr.x, layout.qr.y, layout.qr.width, layout.qr.height);
  ctx.fillStyle = '#4b5563';
  ctx.font = `${layout.caption.size}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(input.caption, layout.caption.x, layout.caption.y);

  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('canvas could not export PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
