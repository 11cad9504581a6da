import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { IS_H5 } from '../../platform/env';
import { qrLayout } from '../../lib/qr-runs';
import './index.scss';

export interface QrCodeProps {
  text: string;
  /** Accessible label (H5). */
  label?: string;
  onTap?: () => void;
}

const pct = (value: number, size: number) => `${((value * 100) / size).toFixed(4)}%`;

/**
 * The QR code drawn with Views: dark runs placed in percent of a square box,
 * so it scales with the box. In H5 the text is also on the box as
 * `data-code` (the browser tests read it there).
 */
export function QrCode({ text, label, onTap }: QrCodeProps) {
  const layout = useMemo(() => qrLayout(text), [text]);
  const h5Attributes = IS_H5 ? { 'data-code': text, 'aria-label': label, role: 'img' } : {};
  return (
    <View className="qr-code" onClick={onTap} {...h5Attributes}>
      <View className="qr-code__box">
        {layout.runs.map((run) => (
          <View
            key={`${run.row}-${run.col}`}
            className="qr-code__run"
            style={{
              top: pct(run.row, layout.size),
              left: pct(run.col, layout.size),
              width: pct(run.length, layout.size),
              // A hair taller than a module, so rounding never leaves a light line between rows.
              height: pct(1.04, layout.size),
            }}
          />
        ))}
      </View>
    </View>
  );
}
