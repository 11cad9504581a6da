import { useId, type ReactNode } from 'react';

export interface FormFieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** The control, given the ids to wire up (id, aria-describedby). */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, then the error (or the hint): one field of a form. */
export function FormField({ label, hint, error, children }: FormFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <small className="field__error" id={`${id}-error`}>
          {error}
        </small>
      ) : hint ? (
        <small className="field__hint" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
    </div>
  );
}
