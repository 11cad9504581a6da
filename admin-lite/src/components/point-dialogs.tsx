import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { SCOPE_NAMES, toggleScope, SCOPE_BITS } from '../lib/scopes.ts';
import { createPoint, issuePointKey, listStallChoices, POINT_KINDS, updatePoint, type PointInput, type PointKind, type PointRow } from '../services/points.service.ts';
import { listSites } from '../services/visitor-settings.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

/** 新增 / 编辑设备. */
export function PointFormDialog({ orgId, point, onDone, onCancel }: { orgId: string; point?: PointRow; onDone: (row: PointRow) => void; onCancel: () => void }) {
  const [input, setInput] = useState<PointInput>(
    point
      ? { name: point.name, kind: point.kind, location: point.location, required_scopes: point.required_scopes, active: point.active, site_id: point.site_id ?? null, stall_id: point.stall_id ?? null }
      : { name: '', kind: 'door', location: null, required_scopes: 0, active: true, site_id: null, stall_id: null },
  );
  const sites = useAsync(() => listSites(orgId), [orgId]);
  const stalls = useAsync(() => listStallChoices(orgId), [orgId]);
  const [nameError, setNameError] = useState<string>();
  const save = useAction((value: PointInput) => (point ? updatePoint(orgId, point.id, value) : createPoint(orgId, value)));
  const submit = async () => {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 50) {
      setNameError(t('points.nameRule'));
      return;
    }
    setNameError(undefined);
    const location = input.location?.trim() || null;
    // Only a POS collects for a stall.
    const outcome = await save.run({ ...input, name, location, stall_id: input.kind === 'pos' ? input.stall_id : null });
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={point ? t('points.editTitle', { name: point.name }) : t('points.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('points.name')} error={nameError}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={input.name} onChange={(e) => setInput({ ...input, name: e.target.value })} />
        )}
      </FormField>
      <FormField label={t('points.kind')}>
        {({ id }) => (
          <select id={id} className="input" value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value as PointKind })}>
            {POINT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`points.kind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('points.location')}>
        {({ id }) => <input id={id} className="input" maxLength={100} value={input.location ?? ''} onChange={(e) => setInput({ ...input, location: e.target.value })} />}
      </FormField>
      <FormField label={t('points.site')} hint={t('points.siteHint')}>
        {({ id, describedBy }) => (
          <select id={id} className="input" aria-describedby={describedBy} value={input.site_id ?? ''} onChange={(e) => setInput({ ...input, site_id: e.target.value || null })}>
            <option value="">{t('points.noSite')}</option>
            {(sites.data ?? []).map((site) => (
              <option key={site.id} value={site.id}>
                {site.active ? site.name : `${site.name}（${t('visitor.sites.inactive')}）`}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {input.kind === 'pos' ? (
        <FormField label={t('points.stall')} hint={t('points.stallHint')}>
          {({ id, describedBy }) => (
            <select id={id} className="input" aria-describedby={describedBy} value={input.stall_id ?? ''} onChange={(e) => setInput({ ...input, stall_id: e.target.value || null })}>
              <option value="">{t('points.noStall')}</option>
              {(stalls.data ?? []).map((stall) => (
                <option key={stall.id} value={stall.id}>
                  {stall.merchant_name ? `${stall.merchant_name} · ${stall.name}` : stall.name}
                  {stall.active ? '' : `（${t('pay.inactive')}）`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      {sites.error ? <ErrorNotice error={sites.error} onRetry={sites.reload} /> : null}
      {stalls.error && input.kind === 'pos' ? <ErrorNotice error={stalls.error} onRetry={stalls.reload} /> : null}
      <fieldset className="field">
        <legend className="field__label">{t('points.requiredScopes')}</legend>
        <p className="field__hint">{t('points.requiredScopesHint')}</p>
        <div className="check-list">
          {SCOPE_NAMES.map((name) => (
            <label key={name}>
              <input type="checkbox" checked={(input.required_scopes & SCOPE_BITS[name]) !== 0} onChange={() => setInput({ ...input, required_scopes: toggleScope(input.required_scopes, name) })} /> {t(`scope.${name}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

/**
 * 签发密钥: confirm (the old key stops working), then show the new key once
 * with a copy button; it cannot be shown again.
 */
export function PointKeyDialog({ point, onClose }: { point: PointRow; onClose: () => void }) {
  const issue = useAction(() => issuePointKey(point.id));
  const [key, setKey] = useState<string>();
  const [copied, setCopied] = useState<string>();
  if (key) {
    return (
      <FormDialog title={t('points.keyTitle', { name: point.name })} submitLabel="" hideSubmit cancelLabel={t('points.keySaved')} onSubmit={onClose} onCancel={onClose}>
        <p className="notice notice--warn" role="alert">
          {t('points.keyOnce')}
        </p>
        <p className="secret" data-testid="point-key">
          {key}
        </p>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            void navigator.clipboard.writeText(key).then(
              () => setCopied(t('common.copied')),
              () => setCopied(t('common.copyFailed')),
            )
          }
        >
          {t('common.copy')}
        </button>
        {copied ? <span className="muted" role="status"> {copied}</span> : null}
      </FormDialog>
    );
  }
  return (
    <FormDialog
      title={t('points.issueKey')}
      submitLabel={t('points.issueKey')}
      busyLabel={t('common.saving')}
      busy={issue.busy}
      onSubmit={() =>
        void issue.run().then((outcome) => {
          if (outcome.ok) setKey(outcome.value);
        })
      }
      onCancel={onClose}
    >
      <p>{t('points.issueKeyBody', { name: point.name })}</p>
      {issue.error ? <ErrorNotice error={issue.error} /> : null}
    </FormDialog>
  );
}
