// 批量导入: template download, file upload, checks in the browser
// (@yima/shared), a server dry run (admin_import_members re-checks
// everything and the admin's scope), then the all-or-nothing import.
// Loaded lazily: exceljs (via import-sheet.ts) stays out of the main bundle.
// Module paths rather than the package index, which also carries the code protocol.
import { IMPORT_MAX_ROWS, IMPORT_TEMPLATE_TITLE } from '@yima/shared/members/import-template';
import { validateImportSheet, type ImportRow } from '@yima/shared/members/validate-import';
import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { fileBytes } from '../lib/file-bytes.ts';
import { downloadFile } from '../lib/download.ts';
import { buildErrorReport, buildTemplate, ImportFileError, readImportFile } from '../lib/import/import-sheet.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import { importMembers, type ServerImportResult } from '../services/member-import.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** Errors listed on the page; the report has all of them. */
export const ERROR_TABLE_LIMIT = 200;
const LIST_LIMIT = 30;

/** A problem found by the browser (@yima/shared) or the server: same shape, the server adds codes. */
export interface ImportProblem {
  /** Excel row number; 0 = the whole file. */
  row: number;
  column: string | null;
  code: string;
  message: string;
}

type Step = 'read' | 'check' | 'preview' | 'import';
const STEPS: ReadonlyArray<{ step: Step; label: 'import.step.read' | 'import.step.check' | 'import.step.preview' | 'import.step.import' }> = [
  { step: 'read', label: 'import.step.read' },
  { step: 'check', label: 'import.step.check' },
  { step: 'preview', label: 'import.step.preview' },
  { step: 'import', label: 'import.step.import' },
];

type State =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'validating'; fileName: string }
  | { phase: 'checking'; fileName: string; rows: ImportRow[] }
  /** Problems found: nothing was or will be written. */
  | { phase: 'invalid'; fileName: string; errors: ImportProblem[]; by: 'client' | 'server'; rowCount: number }
  | { phase: 'preview'; fileName: string; rows: ImportRow[]; preview: ServerImportResult }
  | { phase: 'importing'; fileName: string; rows: ImportRow[]; preview: ServerImportResult }
  | { phase: 'done'; fileName: string; result: ServerImportResult }
  /** The file could not be read, or the server could not be asked. */
  | { phase: 'failed'; fileName: string; message?: string; error?: AppError; rows?: ImportRow[]; during: Step };

const STEP_OF: Record<State['phase'], Step | null> = {
  idle: null,
  reading: 'read',
  validating: 'check',
  checking: 'check',
  invalid: 'check',
  preview: 'preview',
  importing: 'import',
  done: 'import',
  failed: null,
};

function currentStep(state: State): Step | null {
  return state.phase === 'failed' ? state.during : STEP_OF[state.phase];
}

/** Lets React paint the new phase before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function ImportPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const [state, setState] = useState<State>({ phase: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  // Each upload gets a number; answers for an older one are ignored.
  const attempt = useRef(0);
  const template = useAction(async () => downloadFile(await buildTemplate(), `${IMPORT_TEMPLATE_TITLE}.xlsx`));
  const report = useAction(async (errors: ImportProblem[], fileName: string) =>
    downloadFile(await buildErrorReport(errors), t('import.reportFileName', { name: fileName.replace(/\.(xlsx|csv)$/i, '') })),
  );

  const dryRun = async (fileName: string, rows: ImportRow[], mine: number) => {
    setState({ phase: 'checking', fileName, rows });
    try {
      const preview = await importMembers(orgId, rows, true);
      if (attempt.current !== mine) return;
      setState(
        preview.ok
          ? { phase: 'preview', fileName, rows, preview }
          : { phase: 'invalid', fileName, errors: preview.errors, by: 'server', rowCount: rows.length },
      );
    } catch (thrown) {
      if (attempt.current === mine) setState({ phase: 'failed', fileName, error: toAppError(thrown), rows, during: 'check' });
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const mine = ++attempt.current;
    const fileName = file.name;
    setState({ phase: 'reading', fileName });
    let sheet;
    try {
      sheet = await readImportFile(await fileBytes(file), fileName);
    } catch (thrown) {
      if (attempt.current !== mine) return;
      setState(
        thrown instanceof ImportFileError
          ? { phase: 'failed', fileName, message: thrown.message, during: 'read' }
          : { phase: 'failed', fileName, message: t('import.unreadable'), during: 'read' },
      );
      return;
    }
    if (attempt.current !== mine) return;
    setState({ phase: 'validating', fileName });
    await nextFrame();
    const { rows, errors } = validateImportSheet(sheet);
    if (attempt.current !== mine) return;
    if (errors.length > 0) {
      setState({ phase: 'invalid', fileName, errors, by: 'client', rowCount: rows.length + new Set(errors.filter((e) => e.row > 0).map((e) => e.row)).size });
      return;
    }
    await dryRun(fileName, rows, mine);
  };

  const onApply = async () => {
    if (state.phase !== 'preview') return;
    const { fileName, rows, preview } = state;
    const mine = ++attempt.current;
    setState({ phase: 'importing', fileName, rows, preview });
    try {
      const result = await importMembers(orgId, rows, false);
      if (attempt.current !== mine) return;
      // Changed since the preview (someone else's edit): the server wrote nothing.
      setState(result.ok ? { phase: 'done', fileName, result } : { phase: 'invalid', fileName, errors: result.errors, by: 'server', rowCount: rows.length });
    } catch (thrown) {
      if (attempt.current === mine) setState({ phase: 'failed', fileName, error: toAppError(thrown), rows, during: 'import' });
    }
  };

  const restart = () => {
    attempt.current++;
    setState({ phase: 'idle' });
    if (fileInput.current) {
      fileInput.current.value = '';
      fileInput.current.click();
    }
  };

  const busy = state.phase === 'reading' || state.phase === 'validating' || state.phase === 'checking' || state.phase === 'importing';

  return (
    <div className="page page--form">
      <h1 className="page__title">{t('import.title')}</h1>
      <p className="muted">{t('import.intro', { max: IMPORT_MAX_ROWS.toLocaleString('en-US') })}</p>
      {!profile.is_super ? <p className="notice notice--warn">{t('import.scopedHint')}</p> : null}

      <section className="card import-section" aria-labelledby="import-template">
        <h2 id="import-template">{t('import.templateTitle')}</h2>
        <p className="muted">{t('import.templateHint', { title: IMPORT_TEMPLATE_TITLE })}</p>
        <button type="button" className="button button--ghost" disabled={template.busy} onClick={() => void template.run()}>
          {template.busy ? t('import.preparing') : t('import.downloadTemplate')}
        </button>
        {template.error ? <ErrorNotice error={template.error} /> : null}
      </section>

      <section className="card import-section" aria-labelledby="import-upload">
        <h2 id="import-upload">{t('import.uploadTitle')}</h2>
        <div className="file-pick">
          {/* The native control's label is the browser's language; ours is zh-CN. */}
          <label className={`button${state.phase === 'importing' ? ' is-disabled' : ''}`}>
            {t('import.pickButton')}
            <input
              ref={fileInput}
              className="visually-hidden"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-label={t('import.chooseFile')}
              disabled={state.phase === 'importing'}
              onChange={(event) => void onFile(event)}
            />
          </label>
          <span className="muted">{state.phase === 'idle' ? t('import.noFile') : state.fileName}</span>
        </div>
        <p className="muted">{t('import.uploadHint')}</p>

        {state.phase !== 'idle' ? <Steps state={state} /> : null}

        {busy ? (
          <p className="notice" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            {state.phase === 'reading'
              ? t('import.reading', { name: state.fileName })
              : state.phase === 'validating'
                ? t('import.validating')
                : state.phase === 'checking'
                  ? t('import.checking', { count: state.rows.length })
                  : state.phase === 'importing'
                    ? t('import.importing', { count: state.rows.length })
                    : null}
          </p>
        ) : null}

        {state.phase === 'failed' ? (
          <div className="import-failed">
            {state.error ? (
              <ErrorNotice error={state.error} />
            ) : (
              <p className="notice notice--error" role="alert">
                {state.message}
              </p>
            )}
            {state.rows ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  const mine = ++attempt.current;
                  void dryRun(state.fileName, state.rows!, mine);
                }}
              >
                {t('import.retryCheck')}
              </button>
            ) : null}
          </div>
        ) : null}

        {state.phase === 'invalid' ? (
          <ImportErrorTable
            errors={state.errors}
            by={state.by}
            rowCount={state.rowCount}
            downloading={report.busy}
            onDownload={() => void report.run(state.errors, state.fileName)}
          />
        ) : null}
        {report.error ? <ErrorNotice error={report.error} /> : null}

        {state.phase === 'preview' || state.phase === 'importing' ? (
          <Preview result={state.preview} rowCount={state.rows.length}>
            <div className="form-actions">
              <button type="button" className="button" disabled={state.phase === 'importing'} onClick={() => void onApply()}>
                {state.phase === 'importing' ? t('import.applying') : t('import.apply', { count: state.rows.length })}
              </button>
              <button type="button" className="button button--ghost" disabled={state.phase === 'importing'} onClick={restart}>
                {t('import.chooseAnother')}
              </button>
            </div>
          </Preview>
        ) : null}

        {state.phase === 'done' ? (
          <div className="notice notice--success notice--block" role="status">
            <strong>{t('import.done', { created: state.result.created, updated: state.result.updated })}</strong>
            {state.result.departments_created.length > 0 ? (
              <p>{t('import.doneDepartments', { count: state.result.departments_created.length, list: listPreview(state.result.departments_created) })}</p>
            ) : null}
            {state.result.tags_created.length > 0 ? (
              <p>{t('import.doneTags', { count: state.result.tags_created.length, list: listPreview(state.result.tags_created) })}</p>
            ) : null}
            <div className="form-actions">
              <Link className="button" to={ROUTES.members}>
                {t('import.viewMembers')}
              </Link>
              <button type="button" className="button button--ghost" onClick={restart}>
                {t('import.again')}
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function listPreview(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join('、');
  return items.length > LIST_LIMIT ? t('import.andMore', { list: shown, count: items.length }) : shown;
}

function Steps({ state }: { state: State }) {
  const current = currentStep(state);
  const currentIndex = STEPS.findIndex((s) => s.step === current);
  const finished = state.phase === 'done';
  const failedHere = state.phase === 'failed' || state.phase === 'invalid';
  return (
    <ol className="steps" aria-label={t('import.progress')}>
      {STEPS.map(({ step, label }, i) => {
        const status = finished || i < currentIndex ? 'done' : i === currentIndex ? (failedHere ? 'failed' : 'current') : 'todo';
        return (
          <li key={step} className={`steps__item steps__item--${status}`} aria-current={status === 'current' ? 'step' : undefined}>
            <span className="steps__dot" aria-hidden="true">
              {status === 'done' ? '✓' : status === 'failed' ? '!' : i + 1}
            </span>
            {t(label)}
          </li>
        );
      })}
    </ol>
  );
}

interface ImportErrorTableProps {
  errors: readonly ImportProblem[];
  by: 'client' | 'server';
  rowCount: number;
  downloading: boolean;
  onDownload: () => void;
}

/** The problems, one line each (row, column, reason), and the report download. */
function ImportErrorTable({ errors, by, rowCount, downloading, onDownload }: ImportErrorTableProps) {
  const fileErrors = errors.filter((e) => e.row === 0);
  const rowErrors = errors.filter((e) => e.row !== 0);
  const badRows = new Set(rowErrors.map((e) => e.row)).size;
  return (
    <div className="import-errors">
      {fileErrors.map((e) => (
        <p key={e.code + e.message} className="notice notice--error" role="alert">
          {e.message}
        </p>
      ))}
      {rowErrors.length > 0 ? (
        <>
          <p className="notice notice--error" role="alert">
            {t(by === 'client' ? 'import.clientErrors' : 'import.serverErrors', { count: rowErrors.length, rows: badRows, total: rowCount })}
          </p>
          <div className="form-actions">
            <button type="button" className="button button--ghost button--small" disabled={downloading} onClick={onDownload}>
              {downloading ? t('import.preparing') : t('import.downloadReport')}
            </button>
            {rowErrors.length > ERROR_TABLE_LIMIT ? <span className="muted">{t('import.tableLimited', { limit: ERROR_TABLE_LIMIT })}</span> : null}
          </div>
          <div className="table-wrap">
            <table className="table table--compact" aria-label={t('import.errorTable')}>
              <thead>
                <tr>
                  <th scope="col">{t('import.col.row')}</th>
                  <th scope="col">{t('import.col.column')}</th>
                  <th scope="col">{t('import.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.slice(0, ERROR_TABLE_LIMIT).map((e, i) => (
                  <tr key={`${e.row}-${e.column ?? ''}-${e.code}-${i}`}>
                    <td className="mono">{e.row}</td>
                    <td>{e.column ?? t('common.none')}</td>
                    <td className="table__wrap">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p className="muted">{t('import.nothingWritten')}</p>
    </div>
  );
}

function Preview({ result, rowCount, children }: { result: ServerImportResult; rowCount: number; children: ReactNode }) {
  return (
    <div className="import-preview" aria-label={t('import.step.preview')} role="region">
      <p className="notice notice--success">{t('import.previewOk', { count: rowCount })}</p>
      <dl className="stats">
        <div>
          <dt>{t('import.created')}</dt>
          <dd>{result.created}</dd>
        </div>
        <div>
          <dt>{t('import.updated')}</dt>
          <dd>{result.updated}</dd>
        </div>
        <div>
          <dt>{t('import.newDepartments')}</dt>
          <dd>{result.departments_created.length}</dd>
        </div>
        <div>
          <dt>{t('import.newTags')}</dt>
          <dd>{result.tags_created.length}</dd>
        </div>
      </dl>
      {result.departments_created.length > 0 ? (
        <p>
          <strong>{t('import.newDepartments')}：</strong>
          {listPreview(result.departments_created)}
        </p>
      ) : null}
      {result.tags_created.length > 0 ? (
        <p>
          <strong>{t('import.newTags')}：</strong>
          {listPreview(result.tags_created)}
        </p>
      ) : null}
      {result.updated > 0 ? <p className="muted">{t('import.updateHint')}</p> : null}
      {children}
    </div>
  );
}
