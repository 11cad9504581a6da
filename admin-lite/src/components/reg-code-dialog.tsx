import { useMemo } from 'react';
import { t } from '../i18n/index.ts';
import { regCodeFileName, regCodePayload, regQrSvg } from '../lib/reg-code.ts';
import type { RegistrationPointRow } from '../services/registration.service.ts';
import { QrCodeDialog } from './qr-code-dialog.tsx';

/** 登记码: the point's QR (`yima:reg:<id>`) and a PNG to print, drawn like the stall collection code. */
export function RegCodeDialog({ point, onClose }: { point: RegistrationPointRow; onClose: () => void }) {
  const svg = useMemo(() => regQrSvg(point.id), [point.id]);
  return (
    <QrCodeDialog
      title={t('scenario.reg.codeTitle', { name: point.name })}
      hint={t('scenario.reg.codeHint')}
      svg={svg}
      payload={regCodePayload(point.id)}
      testId="reg-qr"
      png={{ title: point.name, caption: t('scenario.reg.codeCaption'), fileName: regCodeFileName(point.name) }}
      onClose={onClose}
    />
  );
}
