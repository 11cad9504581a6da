import { useState, type ChangeEvent } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { fileBytes } from '../lib/file-bytes.ts';
import { ImportFileError, readImportFile } from '../lib/import/import-sheet.ts';
import { scopeRowsFromSheet, MAX_SCOPE_ROWS } from '../lib/scope-import.ts';
import { importAdminScopes, type AdminGroupRow, type ScopeImportRow } from '../services/admin-groups.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';

type State =
  | { step: 'idle' }
  | { step: 'problem'; message: string }
  | { step: 'errors'; fileName: string; errors: Array<{ row: number; message: string }> }
  | { step: 'clean'; fileName: string; rows: ScopeImportRow[] };

const PROBLEMS = { noHeader: 'perm.import.noHeader', empty: 'perm.import.empty', tooMany: 'perm.import.tooMany' } as const;

/**
 * 批量导入管理范围: an xlsx (or CSV) with 工号 and 管理范围; the server checks
 * every row first (dry run) and the import can only be applied after a clean
 * check. Errors are shown by sheet row.
 */
export function ScopeImport({ group, onApplied }: { group: AdminGroupRow; onApplied: (count: number) => void }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const check = useAction((rows: ScopeImportRow[]) => importAdminScopes(group.id, rows, true));
  const apply = useAction((rows: ScopeImportRow[]) => importAdminScopes(group.id, rows, false));

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setState({ step: 'idle' });
    let parsed;
    try {
      parsed = scopeRowsFromSheet(await readImportFile(await fileBytes(file), file.name));
    } catch (problem) {
      setState({ step: 'problem', message: problem instanceof ImportFileError ? problem.message : t('perm.import.unreadable') });
      return;
    }
    if (!parsed.ok) {
      setState({ step: 'problem', message: t(PROBLEMS[parsed.problem], { max: MAX_SCOPE_ROWS }) });
      return;
    }
    const outcome = await check.run(parsed.rows);
    if (!outcome.ok) return;
    const { rowNumbers } = parsed;
    setState(
      outcome.value.errors.length > 0
        ? { step: 'errors', fileName: file.name, errors: outcome.value.errors.map((e) => ({ row: rowNumbers[e.row - 1] ?? e.row, message: e.message })) }
        : { step: 'clean', fileName: file.name, rows: parsed.rows },
    );
  };

  const onApply = async (rows: ScopeImportRow[]) => {
    const outcome = await apply.run(rows);
    if (outcome.ok && outcome.value.applied) {
      setState({ step: 'idle' });
      onApplied(rows.length);
    } else if (outcome.ok) {
      setState({ step: 'errors', fileName: '', errors: outcome.value.errors });
    }
  };

  return (
    <section className="import-section" aria-label={t('perm.import.title')}>
      <h3>{t('perm.import.title')}</h3>
      <p className="muted">{t('perm.import.hint')}</p>
      <div className="file-pick">
        <label className="button button--ghost button--small">
          {t('perm.import.pick')}
          <input type="file" className="visually-hidden" accept=".xlsx,.csv" aria-label={t('perm.import.pick')} disabled={check.busy || apply.busy} onChange={(e) => void onFile(e)} />
        </label>
        {check.busy ? <span className="muted">{t('perm.import.checking')}</span> : null}
      </div>
      {check.error ? <ErrorNotice error={check.error} /> : null}
      {apply.error ? <ErrorNotice error={apply.error} /> : null}
      {state.step === 'problem' ? (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.step === 'errors' ? (
        <div className="import-errors" role="region" aria-label={t('perm.import.errorsTitle')}>
          <p className="notice notice--error">{t('perm.import.errorsSummary', { count: state.errors.length })}</p>
          <DataTable
            className="table--compact"
            rows={state.errors}
            rowKey={(e) => `${e.row}-${e.message}`}
            empty=""
            columns={[
              { header: t('perm.import.row'), cell: (e) => t('perm.import.rowN', { row: e.row }) },
              { header: t('perm.import.problem'), cell: (e) => e.message },
            ]}
          />
        </div>
      ) : null}
      {state.step === 'clean' ? (
        <div role="region" aria-label={t('perm.import.readyTitle')}>
          <p className="notice notice--success">{t('perm.import.ready', { count: state.rows.length, group: group.name })}</p>
          <button type="button" className="button" disabled={apply.busy} onClick={() => void onApply(state.rows)}>
            {apply.busy ? t('perm.import.applying') : t('perm.import.apply', { count: state.rows.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
