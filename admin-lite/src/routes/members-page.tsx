import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DepartmentTree } from '../components/department-tree.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { MembersTable } from '../components/members-table.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { MEMBERS_QUERY } from '../constants/routes.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useMembers } from '../hooks/use-members.ts';
import { t } from '../i18n/index.ts';
import { ancestorIds, collectSubtreeIds } from '../lib/department-tree.ts';
import { logout } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import { unbindMembers } from '../services/members.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const MEMBERS_PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;

function positiveInt(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** 部门与成员: department tree on the left, the selected subtree's members on the right. */
export function MembersPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const [params, setParams] = useSearchParams();
  const deptParam = params.get(MEMBERS_QUERY.department);
  const searchParam = params.get(MEMBERS_QUERY.search) ?? '';
  const page = positiveInt(params.get(MEMBERS_QUERY.page));

  const departments = useDepartments(orgId);
  const selectedNode = deptParam ? departments.index.get(deptParam) : undefined;
  const selectedId = selectedNode ? selectedNode.department.id : null;
  const departmentIds = useMemo(() => (selectedNode ? collectSubtreeIds(selectedNode) : undefined), [selectedNode]);

  // Writes URL state (keys from MEMBERS_QUERY). A filter change goes back to
  // page 1. Paging and department clicks are history entries; typing is not.
  const update = useCallback(
    (changes: Partial<Record<(typeof MEMBERS_QUERY)[keyof typeof MEMBERS_QUERY], string | null>>, replace = false) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(name);
            else next.set(name, value);
          }
          if (!(MEMBERS_QUERY.page in changes)) next.delete(MEMBERS_QUERY.page);
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  // Search box: typed text is local; the URL (and the query) follow after a pause.
  const [searchText, setSearchText] = useState(searchParam);
  const debouncedSearch = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    if (debouncedSearch !== searchParam) update({ [MEMBERS_QUERY.search]: debouncedSearch }, true);
    // Deliberately keyed on the settled text only: a URL change must not write back.
  }, [debouncedSearch]); // eslint-disable-line react-hooks/exhaustive-deps
  // …and the box follows the URL when it changes from outside (back button).
  useEffect(() => {
    setSearchText((text) => (text.trim() === searchParam ? text : searchParam));
  }, [searchParam]);

  // Expansion is derived, not synced by an effect (no collapsed flash): roots
  // and the selected department's ancestors are open by default; a click on
  // a toggle records an override.
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const expanded = useMemo(() => {
    const openByDefault = new Set(departments.tree.map((root) => root.department.id));
    if (deptParam) for (const id of ancestorIds(departments.index, deptParam)) openByDefault.add(id);
    const open = new Set<string>();
    for (const id of departments.index.keys()) if (overrides.get(id) ?? openByDefault.has(id)) open.add(id);
    return open;
  }, [departments.tree, departments.index, deptParam, overrides]);

  const toggle = useCallback(
    (id: string) => setOverrides((previous) => new Map(previous).set(id, !expanded.has(id))),
    [expanded],
  );

  // A department that is gone or outside the admin's scope: drop the filter
  // rather than show every member under a stale URL.
  useEffect(() => {
    if (departments.data && deptParam && !selectedNode) update({ [MEMBERS_QUERY.department]: null }, true);
  }, [departments.data, deptParam, selectedNode, update]);

  // A department filter needs the tree (for the subtree ids); no filter does not.
  const ready = deptParam === null || departments.data !== undefined;
  const members = useMembers(
    { orgId, departmentIds, search: searchParam || undefined, page, pageSize: MEMBERS_PAGE_SIZE },
    ready,
  );

  // Past the end (rows deleted, hand-edited URL): step back to the last page.
  const total = members.data?.total;
  useEffect(() => {
    if (total === undefined || members.loading) return;
    const last = pageCount(total, MEMBERS_PAGE_SIZE);
    if (page > last) update({ [MEMBERS_QUERY.page]: last === 1 ? null : String(last) }, true);
  }, [total, page, members.loading, update]);

  const departmentName = useCallback((id: string) => departments.index.get(id)?.department.name, [departments.index]);

  // Selection is per page view: changing page or filters clears it, so an
  // unbind only ever covers rows the admin can see.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [unbinding, setUnbinding] = useState(false);
  const [unbindResult, setUnbindResult] = useState<{ count: number } | { error: AppError }>();
  const departmentKey = departmentIds?.join(',') ?? '*';
  useEffect(() => {
    setSelected(new Set());
    setUnbindResult(undefined);
  }, [orgId, departmentKey, searchParam, page]);
  const includesSelf = selected.has(session.member.id);

  const onUnbind = async () => {
    setUnbinding(true);
    setUnbindResult(undefined);
    try {
      const count = await unbindMembers([...selected]);
      setUnbindResult({ count });
      setSelected(new Set());
      setConfirming(false);
      // Unbinding oneself revokes this session's refresh token: leave now, not at the next 401.
      if (includesSelf) {
        await logout();
        return;
      }
      members.reload();
    } catch (thrown) {
      setUnbindResult({ error: toAppError(thrown) });
      setConfirming(false);
    } finally {
      setUnbinding(false);
    }
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('departments.title')}</h1>
      <div className="split">
        <section className="card split__aside" aria-label={t('departments.tree')}>
          {departments.error ? <ErrorNotice error={departments.error} onRetry={departments.reload} /> : null}
          {departments.data ? (
            <DepartmentTree
              roots={departments.tree}
              selectedId={selectedId}
              expanded={expanded}
              onSelect={(id) => update({ [MEMBERS_QUERY.department]: id })}
              onToggle={toggle}
            />
          ) : departments.loading ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </section>
        <section className="card split__main">
          <div className="toolbar">
            <h2 className="toolbar__title">{selectedNode ? selectedNode.department.name : t('departments.all')}</h2>
            <input
              type="search"
              className="input"
              aria-label={t('members.searchLabel')}
              placeholder={t('members.searchPlaceholder')}
              value={searchText}
              maxLength={50}
              onChange={(event) => setSearchText(event.target.value)}
            />
          </div>
          {selected.size > 0 ? (
            <div className="selection-bar" role="region" aria-label={t('members.selectionBar')}>
              <span>{t('members.selected', { count: selected.size })}</span>
              <button type="button" className="button button--danger button--small" onClick={() => setConfirming(true)}>
                {t('members.unbind')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setSelected(new Set())}>
                {t('members.clearSelection')}
              </button>
            </div>
          ) : null}
          {unbindResult && 'count' in unbindResult ? (
            <p className="notice notice--success" role="status">
              {t('members.unbind.done', { count: unbindResult.count })}
            </p>
          ) : null}
          {unbindResult && 'error' in unbindResult ? <ErrorNotice error={unbindResult.error} /> : null}
          {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
          {members.error && !members.data ? null : (
            <>
              <MembersTable
                rows={members.data?.rows ?? []}
                departmentName={departmentName}
                busy={members.loading}
                selected={selected}
                onSelectionChange={setSelected}
              />
              <Pagination
                page={page}
                pageSize={MEMBERS_PAGE_SIZE}
                total={members.data?.total ?? 0}
                disabled={members.loading}
                onPageChange={(next) => update({ [MEMBERS_QUERY.page]: next === 1 ? null : String(next) })}
              />
            </>
          )}
        </section>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('members.unbind.title')}
          confirmLabel={t('members.unbind.confirm')}
          busyLabel={t('members.unbind.busy')}
          busy={unbinding}
          danger
          onConfirm={() => void onUnbind()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('members.unbind.body', { count: selected.size })}</p>
          {includesSelf ? <p className="notice notice--warn">{t('members.unbind.self')}</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
