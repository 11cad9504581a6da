import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';

export interface FormDialogProps {
  title: string;
  children: ReactNode;
  submitLabel: string;
  busyLabel?: string;
  busy?: boolean;
  danger?: boolean;
  /** Disables the submit button (nothing to submit yet). */
  submitDisabled?: boolean;
  /** Hides the submit button (a dialog that only shows a result). */
  hideSubmit?: boolean;
  cancelLabel?: string;
  wide?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/**
 * A modal with a form: Enter submits, Escape cancels (not while busy). Focus
 * starts on the first field, or on Cancel when there is none, so Enter right
 * after opening never confirms a destructive action by accident.
 */
export function FormDialog({
  title,
  children,
  submitLabel,
  busyLabel,
  busy = false,
  danger = false,
  submitDisabled = false,
  hideSubmit = false,
  cancelLabel,
  wide = false,
  onSubmit,
  onCancel,
}: FormDialogProps) {
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const first = formRef.current?.querySelector<HTMLElement>('.dialog__body input:not([disabled]), .dialog__body select:not([disabled]), .dialog__body textarea');
    (first ?? cancelRef.current)?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && !submitDisabled && !hideSubmit) onSubmit();
  };

  return (
    <div className="dialog-backdrop">
      <form
        ref={formRef}
        className={`dialog card${wide ? ' dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
        noValidate
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog__body">{children}</div>
        <div className="dialog__actions">
          <button ref={cancelRef} type="button" className="button button--ghost" onClick={onCancel} disabled={busy}>
            {cancelLabel ?? t('common.cancel')}
          </button>
          {hideSubmit ? null : (
            <button type="submit" className={`button${danger ? ' button--danger' : ''}`} disabled={busy || submitDisabled}>
              {busy && busyLabel ? busyLabel : submitLabel}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
