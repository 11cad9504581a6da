import { Button, Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { IS_H5 } from '../../platform/env';
import { isScanCancelled, scanQrCode } from '../../platform/scan';

export interface ScanOrPasteProps {
  /** The page's BEM block: renders `<block>__scan`, `<block>__manual`, `<block>__input` and `<block>__<submitElement>`. */
  block: string;
  submitElement?: string;
  /** H5 cannot scan: a text box for the pasted code (`multiline`: a textarea). */
  multiline?: boolean;
  maxlength: number;
  placeholder: string;
  /** The button's text in the mini-program / beside the text box (H5). */
  scanLabel: string;
  submitLabel: string;
  busy: boolean;
  /** The scanned or pasted text; resolve true when it was taken (the text box is cleared). */
  onCode(text: string): Promise<boolean>;
  /** The scanner failed (a cancelled scan is not reported). */
  onScanError(caught: unknown): void;
}

/** Scan a QR code (mini-program) or paste its text (H5), then hand it to the page. */
export function ScanOrPaste({ block, submitElement = 'submit', multiline, maxlength, placeholder, scanLabel, submitLabel, busy, onCode, onScanError }: ScanOrPasteProps) {
  const [pasted, setPasted] = useState('');
  const busyProps = { loading: busy || undefined, disabled: busy || undefined };

  const scan = async () => {
    try {
      await onCode(await scanQrCode());
    } catch (caught) {
      if (!isScanCancelled(caught)) onScanError(caught);
    }
  };

  if (!IS_H5) {
    return (
      <Button className={`${block}__scan`} type="primary" {...busyProps} onClick={() => void scan()}>
        {scanLabel}
      </Button>
    );
  }
  const TextBox = multiline ? Textarea : Input;
  return (
    <View className={`${block}__manual`}>
      <TextBox
        className={`${block}__input`}
        value={pasted}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(event: { detail?: { value?: string } }) => setPasted(event.detail?.value ?? '')}
      />
      <Button
        className={`${block}__${submitElement}`}
        type="primary"
        {...busyProps}
        onClick={() => void onCode(pasted).then((taken) => { if (taken) setPasted(''); })}
      >
        {submitLabel}
      </Button>
    </View>
  );
}
