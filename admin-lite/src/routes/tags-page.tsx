import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { MembersTable } from '../components/members-table.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { AddTagMembersDialog, DeleteTagDialog, RenameTagDialog } from '../components/tag-dialogs.tsx';
import { TAGS_QUERY } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useMembers } from '../hooks/use-members.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t } from '../i18n/index.ts';
import { manageableDepartmentIds, pickerOptions } from '../lib/department-scope.ts';
import { tagNameProblem } from '../lib/name-rules.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { createTag, untagMembers } from '../services/tags.service.ts';

export const TAG_MEMBERS_PAGE_SIZE = 20;

type Dialog = 'rename' | 'delete' | 'add' | 'remove';

function positiveInt(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * 标签: the org's tags on the left (create here), the selected tag's members
 * (in the admin's scope) on the right with 添加成员 (by department or by
 * picking) and 移除 for the selection.
 */
export function TagsPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const [params, setParams] = useSearchParams();
  const tagParam = params.get(TAGS_QUERY.tag);
  const page = positiveInt(params.get(TAGS_QUERY.page));
  const tags = useTags(orgId);
  const departments = useDepartments(orgId);
  const selectedTag = tags.data?.find((tag) => tag.id === tagParam);
  const manageable = useMemo(
    () => manageableDepartmentIds(departments.index, profile.is_super ? null : (profile.scope_department_ids ?? [])),
    [departments.index, profile.is_super, profile.scope_department_ids],
  );
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, manageable), [departments.tree, manageable]);
  const departmentName = useCallback((id: string) => departments.index.get(id)?.department.name, [departments.index]);

  const select = useCallback(
    (tagId: string | null, nextPage = 1) =>
      setParams(() => {
        const next = new URLSearchParams();
        if (tagId) next.set(TAGS_QUERY.tag, tagId);
        if (tagId && nextPage > 1) next.set(TAGS_QUERY.page, String(nextPage));
        return next;
      }),
    [setParams],
  );

  // A tag that no longer exists (deleted, another org): drop it from the URL.
  useEffect(() => {
    if (tags.data && tagParam && !selectedTag) select(null);
  }, [tags.data, tagParam, selectedTag, select]);

  const members = useMembers({ orgId, tagId: selectedTag?.id, page, pageSize: TAG_MEMBERS_PAGE_SIZE }, selectedTag !== undefined);
  const total = members.data?.total;
  useEffect(() => {
    if (total === undefined || members.loading || !selectedTag) return;
    const last = pageCount(total, TAG_MEMBERS_PAGE_SIZE);
    if (page > last) select(selectedTag.id, last);
  }, [total, page, members.loading, selectedTag, select]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>();
  // A result belongs to the tag it was about; another tag's view does not show it.
  const [result, setResult] = useState<{ text: string; tagId: string | null }>();
  const message = result && result.tagId === (selectedTag?.id ?? null) ? result.text : undefined;
  useEffect(() => {
    setSelected(new Set());
  }, [tagParam, page]);

  // A tag just created is selected once the reloaded list has it (earlier,
  // its id would look like a stale URL and be dropped).
  const [pendingTag, setPendingTag] = useState<string>();
  useEffect(() => {
    if (pendingTag && tags.data?.some((tag) => tag.id === pendingTag)) {
      select(pendingTag);
      setPendingTag(undefined);
    }
  }, [pendingTag, tags.data, select]);

  // Create: an inline form above the list.
  const [newName, setNewName] = useState('');
  const [newNameError, setNewNameError] = useState<string>();
  const create = useAction((name: string) => createTag(orgId, name));
  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const problem = tagNameProblem(newName);
    setNewNameError(problem ?? undefined);
    if (problem) return;
    const outcome = await create.run(newName.trim());
    if (outcome.ok) {
      setNewName('');
      tags.reload();
      setPendingTag(outcome.value.id);
      setResult({ text: t('tags.created', { name: outcome.value.name }), tagId: outcome.value.id });
    }
  };

  const untag = useAction((tagId: string, ids: string[]) => untagMembers(tagId, ids));
  const onRemove = async () => {
    if (!selectedTag) return;
    const outcome = await untag.run(selectedTag.id, [...selected]);
    setDialog(undefined);
    if (outcome.ok) done(t('tags.membersRemoved', { count: outcome.value, tag: selectedTag.name }));
  };

  const done = (text: string, tagId: string | null = selectedTag?.id ?? null) => {
    setDialog(undefined);
    setResult({ text, tagId });
    setSelected(new Set());
    tags.reload();
    members.reload();
  };
  const closeDialog = useCallback(() => setDialog(undefined), []);

  return (
    <div className="page">
      <h1 className="page__title">{t('tags.title')}</h1>
      <div className="split">
        <section className="card split__aside" aria-label={t('tags.list')}>
          <form className="tag-create" onSubmit={(event) => void onCreate(event)} noValidate>
            <label className="visually-hidden" htmlFor="tag-create-name">
              {t('tags.newName')}
            </label>
            <input
              id="tag-create-name"
              className="input"
              placeholder={t('tags.newName')}
              maxLength={30}
              aria-invalid={newNameError ? true : undefined}
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <button type="submit" className="button button--small" disabled={create.busy}>
              {t('tags.create')}
            </button>
          </form>
          {newNameError ? <p className="field__error">{newNameError}</p> : null}
          {create.error ? <ErrorNotice error={create.error} /> : null}
          {tags.error ? <ErrorNotice error={tags.error} onRetry={tags.reload} /> : null}
          {tags.data ? (
            tags.data.length === 0 ? (
              <p className="muted">{t('tags.empty')}</p>
            ) : (
              <ul className="tag-list">
                {tags.data.map((tag) => (
                  <li key={tag.id}>
                    <button
                      type="button"
                      className={`tag-list__item${tag.id === tagParam ? ' is-selected' : ''}`}
                      aria-pressed={tag.id === tagParam}
                      onClick={() => select(tag.id)}
                    >
                      <span>{tag.name}</span>
                      <span className="muted">{t('tags.count', { count: tag.member_count })}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : tags.loading ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </section>
        <section className="card split__main">
          {selectedTag ? (
            <>
              <div className="toolbar">
                <h2 className="toolbar__title">{selectedTag.name}</h2>
                <div className="toolbar__filters">
                  <button type="button" className="button button--small" onClick={() => setDialog('add')}>
                    {t('tags.addMembers')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog('rename')}>
                    {t('tags.rename')}
                  </button>
                  <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog('delete')}>
                    {t('tags.delete')}
                  </button>
                </div>
              </div>
              <p className="muted">{t('tags.scopeHint')}</p>
              {selected.size > 0 ? (
                <div className="selection-bar" role="region" aria-label={t('members.selectionBar')}>
                  <span>{t('members.selected', { count: selected.size })}</span>
                  <button type="button" className="button button--danger button--small" onClick={() => setDialog('remove')}>
                    {t('tags.removeMembers')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setSelected(new Set())}>
                    {t('members.clearSelection')}
                  </button>
                </div>
              ) : null}
              <SuccessNotice message={message} />
              {untag.error ? <ErrorNotice error={untag.error} /> : null}
              {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
              <MembersTable
                rows={members.data?.rows ?? []}
                departmentName={departmentName}
                busy={members.loading}
                selected={selected}
                onSelectionChange={setSelected}
              />
              <Pagination
                page={page}
                pageSize={TAG_MEMBERS_PAGE_SIZE}
                total={members.data?.total ?? 0}
                disabled={members.loading}
                onPageChange={(next) => select(selectedTag.id, next)}
              />
            </>
          ) : (
            <>
              <SuccessNotice message={message} />
              <p className="muted">{t('tags.pickOne')}</p>
            </>
          )}
        </section>
      </div>

      {dialog === 'rename' && selectedTag ? <RenameTagDialog orgId={orgId} tag={selectedTag} onDone={done} onCancel={closeDialog} /> : null}
      {dialog === 'delete' && selectedTag ? (
        <DeleteTagDialog
          orgId={orgId}
          tag={selectedTag}
          onDone={(text) => {
            done(text, null);
            select(null);
          }}
          onCancel={closeDialog}
        />
      ) : null}
      {dialog === 'add' && selectedTag ? (
        <AddTagMembersDialog orgId={orgId} tag={selectedTag} departmentOptions={departmentOptions} onDone={done} onCancel={closeDialog} />
      ) : null}
      {dialog === 'remove' && selectedTag ? (
        <ConfirmDialog
          title={t('tags.removeTitle', { name: selectedTag.name })}
          confirmLabel={t('tags.removeMembers')}
          busyLabel={t('common.saving')}
          busy={untag.busy}
          danger
          onConfirm={() => void onRemove()}
          onCancel={closeDialog}
        >
          <p>{t('tags.removeBody', { count: selected.size, name: selectedTag.name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
