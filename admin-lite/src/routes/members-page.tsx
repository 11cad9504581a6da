import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AllowReclaimDialog } from '../components/allow-reclaim-dialog.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DepartmentActions } from '../components/department-actions.tsx';
import { DepartmentTree } from '../components/department-tree.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { InviteResultNotice } from '../components/invite-result.tsx';
import { DeleteMembersDialog, InviteMembersDialog, MemberStatusDialog, MoveMembersDialog, TagMembersDialog } from '../components/member-bulk-dialogs.tsx';
import { MemberFormDialog } from '../components/member-form-dialog.tsx';
import { RevokeCredentialsDialog } from '../components/revoke-credentials-dialog.tsx';
import { isClaimed, MembersTable } from '../components/members-table.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { MEMBERS_QUERY, ROUTES } from '../constants/routes.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useMembers } from '../hooks/use-members.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t } from '../i18n/index.ts';
import { canUseFunction } from '../lib/admin-nav.ts';
import { manageableDepartmentIds, pickerOptions } from '../lib/department-scope.ts';
import { ancestorIds, collectSubtreeIds } from '../lib/department-tree.ts';
import { summarizeInvites, type InviteSummary } from '../lib/invite-summary.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { logout } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import { unbindMembers, type MemberRow } from '../services/members.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const MEMBERS_PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;

function positiveInt(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

type Notice = { kind: 'success'; text: string } | { kind: 'error'; error: AppError } | { kind: 'invite'; summary: InviteSummary };

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; member: MemberRow }
  | { kind: 'move' | 'status' | 'tag-add' | 'tag-remove' | 'delete' | 'invite' | 'unbind' | 'reclaim' | 'revoke' };

/**
 * 部门与成员: department tree (with its changes) on the left, the selected
 * subtree's members on the right with 添加成员, row 编辑 and bulk actions on
 * the selection. Every write is limited to the admin's scope by RLS.
 */
export function MembersPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const [params, setParams] = useSearchParams();
  const deptParam = params.get(MEMBERS_QUERY.department);
  const searchParam = params.get(MEMBERS_QUERY.search) ?? '';
  const unclaimedOnly = params.get(MEMBERS_QUERY.unclaimed) === '1';
  const page = positiveInt(params.get(MEMBERS_QUERY.page));

  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const selectedNode = deptParam ? departments.index.get(deptParam) : undefined;
  const selectedId = selectedNode ? selectedNode.department.id : null;
  const departmentIds = useMemo(() => (selectedNode ? collectSubtreeIds(selectedNode) : undefined), [selectedNode]);
  const manageable = useMemo(
    () => manageableDepartmentIds(departments.index, profile.is_super ? null : (profile.scope_department_ids ?? [])),
    [departments.index, profile.is_super, profile.scope_department_ids],
  );
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, manageable), [departments.tree, manageable]);

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
    { orgId, departmentIds, search: searchParam || undefined, unclaimedOnly, page, pageSize: MEMBERS_PAGE_SIZE },
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

  // Selection is per page view: changing page or filters clears it, so a
  // bulk action only ever covers rows the admin can see.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<Notice>();
  const [unbinding, setUnbinding] = useState(false);
  const departmentKey = departmentIds?.join(',') ?? '*';
  useEffect(() => {
    setSelected(new Set());
  }, [orgId, departmentKey, searchParam, unclaimedOnly, page]);
  // A result stays while the admin clicks through departments (a department
  // change may be what selected the new one); other filters clear it.
  useEffect(() => {
    setNotice(undefined);
  }, [orgId, searchParam, unclaimedOnly, page]);

  // A department just created is selected once the reloaded tree has it
  // (selecting earlier would look like a stale URL and be dropped).
  const [pendingSelect, setPendingSelect] = useState<string>();
  useEffect(() => {
    if (pendingSelect !== undefined && departments.index.has(pendingSelect)) {
      update({ [MEMBERS_QUERY.department]: pendingSelect });
      setPendingSelect(undefined);
    }
  }, [pendingSelect, departments.index, update]);

  const rows = members.data?.rows ?? [];
  const selectedRows = rows.filter((m) => selected.has(m.id));
  const claimedSelected = selectedRows.filter(isClaimed);
  const unclaimedSelected = selectedRows.length - claimedSelected.length;
  const includesSelf = claimedSelected.some((m) => m.id === session.member.id);
  const canAdd = departmentOptions.length > 0;
  const defaultDepartmentId = selectedId && manageable.has(selectedId) ? selectedId : departmentOptions[0]?.id;

  const closeDialog = useCallback(() => setDialog(undefined), []);
  /** After a write: say what happened, clear the selection, reload. */
  const finished = (message: string, reload: { tags?: boolean; departments?: boolean } = {}) => {
    setDialog(undefined);
    setNotice({ kind: 'success', text: message });
    setSelected(new Set());
    members.reload();
    if (reload.tags) tags.reload();
    if (reload.departments) departments.reload();
  };

  const onUnbind = async () => {
    setUnbinding(true);
    setNotice(undefined);
    try {
      const count = await unbindMembers(claimedSelected.map((m) => m.id));
      setDialog(undefined);
      // Unbinding oneself revokes this session's refresh token: leave now, not at the next 401.
      if (includesSelf) {
        await logout();
        return;
      }
      finished(t('members.unbind.done', { count }));
    } catch (thrown) {
      setNotice({ kind: 'error', error: toAppError(thrown) });
      setDialog(undefined);
    } finally {
      setUnbinding(false);
    }
  };

  const nameOf = (id: string) => rows.find((m) => m.id === id)?.name;

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('departments.title')}</h1>
        <div className="page__actions">
          {profile.is_super ? (
            <button type="button" className="button button--ghost" onClick={() => setDialog({ kind: 'reclaim' })}>
              {t('reclaim.open')}
            </button>
          ) : null}
          <Link className="button button--ghost" to={ROUTES.memberImport}>
            {t('layout.nav.import')}
          </Link>
          {canAdd ? (
            <button type="button" className="button" onClick={() => setDialog({ kind: 'add' })}>
              {t('members.add')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="split">
        <section className="card split__aside" aria-label={t('departments.tree')}>
          {departments.error ? <ErrorNotice error={departments.error} onRetry={departments.reload} /> : null}
          {departments.data ? (
            <>
              <DepartmentTree
                roots={departments.tree}
                selectedId={selectedId}
                expanded={expanded}
                onSelect={(id) => update({ [MEMBERS_QUERY.department]: id })}
                onToggle={toggle}
              />
              <DepartmentActions
                orgId={orgId}
                roots={departments.tree}
                index={departments.index}
                selected={selectedNode ?? null}
                manageable={manageable}
                isSuper={profile.is_super}
                onChanged={(message, select) => {
                  setNotice({ kind: 'success', text: message });
                  departments.reload();
                  members.reload();
                  if (select === null) update({ [MEMBERS_QUERY.department]: null });
                  else if (select !== undefined) setPendingSelect(select);
                }}
              />
            </>
          ) : departments.loading ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </section>
        <section className="card split__main">
          <div className="toolbar">
            <h2 className="toolbar__title">{selectedNode ? selectedNode.department.name : t('departments.all')}</h2>
            <div className="toolbar__filters">
              <label className="check">
                <input
                  type="checkbox"
                  checked={unclaimedOnly}
                  onChange={(event) => update({ [MEMBERS_QUERY.unclaimed]: event.target.checked ? '1' : null })}
                />
                {t('members.filter.unclaimed')}
              </label>
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
          </div>
          {selected.size > 0 ? (
            <div className="selection-bar" role="region" aria-label={t('members.selectionBar')}>
              <span>{t('members.selected', { count: selected.size })}</span>
              <button type="button" className="button button--small" disabled={unclaimedSelected === 0} onClick={() => setDialog({ kind: 'invite' })}>
                {t('invite.open', { count: unclaimedSelected })}
              </button>
              <button type="button" className="button button--ghost button--small" disabled={!canAdd} onClick={() => setDialog({ kind: 'move' })}>
                {t('members.move.open')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'status' })}>
                {t('members.status.open')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'tag-add' })}>
                {t('members.tag.add')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'tag-remove' })}>
                {t('members.tag.remove')}
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={claimedSelected.length === 0}
                title={claimedSelected.length === 0 ? t('members.unclaimedNoUnbind') : undefined}
                onClick={() => setDialog({ kind: 'unbind' })}
              >
                {t('members.unbind')}
              </button>
              {canUseFunction(profile, 'cards') ? (
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'revoke' })}>
                  {t('revoke.action')}
                </button>
              ) : null}
              <button type="button" className="button button--danger button--small" onClick={() => setDialog({ kind: 'delete' })}>
                {t('members.delete')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setSelected(new Set())}>
                {t('members.clearSelection')}
              </button>
            </div>
          ) : null}
          {notice?.kind === 'success' ? (
            <p className="notice notice--success" role="status">
              {notice.text}
            </p>
          ) : null}
          {notice?.kind === 'error' ? <ErrorNotice error={notice.error} /> : null}
          {notice?.kind === 'invite' ? <InviteResultNotice summary={notice.summary} onClose={() => setNotice(undefined)} /> : null}
          {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
          {members.error && !members.data ? null : (
            <>
              <MembersTable
                rows={rows}
                departmentName={departmentName}
                busy={members.loading}
                selected={selected}
                onSelectionChange={setSelected}
                onEdit={(member) => setDialog({ kind: 'edit', member })}
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

      {dialog?.kind === 'add' || dialog?.kind === 'edit' ? (
        <MemberFormDialog
          orgId={orgId}
          {...(dialog.kind === 'edit' ? { member: dialog.member } : {})}
          departmentOptions={departmentOptions}
          {...(defaultDepartmentId ? { defaultDepartmentId } : {})}
          onSaved={(member) =>
            finished(dialog.kind === 'edit' ? t('members.saved', { name: member.name }) : t('members.added', { name: member.name }))
          }
          onCancel={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <MoveMembersDialog orgId={orgId} members={selectedRows} options={departmentOptions} onDone={(m) => finished(m)} onCancel={closeDialog} />
      ) : null}
      {dialog?.kind === 'status' ? <MemberStatusDialog orgId={orgId} members={selectedRows} onDone={(m) => finished(m)} onCancel={closeDialog} /> : null}
      {dialog?.kind === 'tag-add' || dialog?.kind === 'tag-remove' ? (
        <TagMembersDialog
          mode={dialog.kind === 'tag-add' ? 'add' : 'remove'}
          members={selectedRows}
          tags={tags.data ?? []}
          onDone={(m) => finished(m, { tags: true })}
          onCancel={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteMembersDialog
          orgId={orgId}
          members={selectedRows}
          selfId={session.member.id}
          onDone={(m) => finished(m, { tags: true })}
          onCancel={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'invite' ? (
        <InviteMembersDialog
          members={selectedRows}
          onSent={(result) => {
            setDialog(undefined);
            setSelected(new Set());
            setNotice({ kind: 'invite', summary: summarizeInvites(result, nameOf) });
            members.reload();
          }}
          onCancel={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'revoke' ? <RevokeCredentialsDialog members={selectedRows} onDone={(m) => finished(m)} onCancel={closeDialog} /> : null}
      {dialog?.kind === 'reclaim' ? <AllowReclaimDialog orgId={orgId} onDone={(m) => finished(m)} onCancel={closeDialog} /> : null}
      {dialog?.kind === 'unbind' ? (
        <ConfirmDialog
          title={t('members.unbind.title')}
          confirmLabel={t('members.unbind.confirm')}
          busyLabel={t('members.unbind.busy')}
          busy={unbinding}
          danger
          onConfirm={() => void onUnbind()}
          onCancel={closeDialog}
        >
          <p>{t('members.unbind.body', { count: claimedSelected.length })}</p>
          {unclaimedSelected > 0 ? <p className="muted">{t('members.unbind.unclaimedLeftOut', { count: unclaimedSelected })}</p> : null}
          {includesSelf ? <p className="notice notice--warn">{t('members.unbind.self')}</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
