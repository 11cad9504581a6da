import { useMemo, useState } from 'react';
import { CategoryDialog } from '../components/category-dialog.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EntryDialog } from '../components/entry-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { HallCategory } from '../components/hall-category.tsx';
import { HallPreview } from '../components/hall-preview.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useCards } from '../hooks/use-cards.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t } from '../i18n/index.ts';
import { departmentPath, pickerOptions } from '../lib/department-scope.ts';
import { moveChanges, nextSortOrder } from '../lib/portal-form.ts';
import { listCustomApps, listOrgApps } from '../services/apps.service.ts';
import { deleteCategory, deleteEntry, listCategories, listEntries, saveSortOrders, type CategoryRow, type EntryRow } from '../services/portal.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'category'; category?: CategoryRow } | { kind: 'deleteCategory'; category: CategoryRow } | { kind: 'entry'; category: CategoryRow };

/** 服务大厅: per card, the categories (order, visibility) and their entries, with a member preview. */
export function ServiceHallPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const cards = useCards(orgId);
  const [picked, setPicked] = useState('');
  const cardId = picked || cards.data?.[0]?.id || '';
  const card = cards.data?.find((c) => c.id === cardId);
  const categories = useAsync(() => (cardId ? listCategories(orgId, cardId) : Promise.resolve([])), [orgId, cardId]);
  const categoryIds = (categories.data ?? []).map((c) => c.id);
  const entries = useAsync(() => listEntries(orgId, categoryIds), [orgId, categoryIds.join(',')]);
  const orgApps = useAsync(() => listOrgApps(orgId), [orgId]);
  const customApps = useAsync(() => listCustomApps(orgId), [orgId]);
  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, new Set(departments.index.keys())), [departments.tree, departments.index]);
  const enabledApps = useMemo(() => new Set((orgApps.data ?? []).filter((a) => a.enabled).map((a) => a.app_key)), [orgApps.data]);
  const customById = useMemo(() => new Map((customApps.data ?? []).map((a) => [a.id, a])), [customApps.data]);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const reorder = useAction((table: 'portal_categories' | 'portal_entries', changes: Array<{ id: string; sort_order: number }>) => saveSortOrders(orgId, table, changes));
  const removeCategory = useAction((c: CategoryRow) => deleteCategory(orgId, c.id));
  const removeEntry = useAction((e: EntryRow) => deleteEntry(orgId, e.id));

  const entriesOf = (categoryId: string) => (entries.data ?? []).filter((e) => e.category_id === categoryId);
  const move = async (table: 'portal_categories' | 'portal_entries', rows: ReadonlyArray<{ id: string; sort_order: number }>, index: number, delta: number) => {
    const changes = moveChanges(rows, index, delta);
    if (changes.length === 0) return;
    await reorder.run(table, changes);
    if (table === 'portal_categories') categories.reload();
    else entries.reload();
  };
  const onDeleteCategory = async (c: CategoryRow) => {
    const outcome = await removeCategory.run(c);
    if (outcome.ok) {
      setDialog(undefined);
      setMessage(t('portal.category.deleted', { name: c.name }));
      categories.reload();
    }
  };
  const onDeleteEntry = async (e: EntryRow) => {
    const outcome = await removeEntry.run(e);
    if (outcome.ok) entries.reload();
  };
  const tagName = (id: string) => tags.data?.find((tag) => tag.id === id)?.name ?? t('common.none');
  const departmentName = (id: string) => departmentPath(departments.index, id) || t('common.none');
  const loadError = cards.error ?? categories.error ?? entries.error ?? orgApps.error ?? customApps.error;
  const rows = categories.data ?? [];

  return (
    <div className="page">
      <h1 className="page__title">{t('portal.hall.title')}</h1>
      <p className="muted">{t('portal.hall.hint')}</p>
      <SuccessNotice message={message} />
      {loadError ? <ErrorNotice error={loadError} /> : null}
      {reorder.error ? <ErrorNotice error={reorder.error} /> : null}
      {removeEntry.error ? <ErrorNotice error={removeEntry.error} /> : null}
      <div className="toolbar">
        <label className="toolbar__filters">
          <span>{t('portal.hall.card')}</span>
          <select className="input" aria-label={t('portal.hall.card')} value={cardId} onChange={(e) => setPicked(e.target.value)}>
            {(cards.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={!cardId} onClick={() => setDialog({ kind: 'category' })}>
          {t('portal.category.create')}
        </button>
      </div>
      {cards.data && cards.data.length === 0 ? <p className="muted">{t('portal.hall.noCards')}</p> : null}
      {card ? (
        <div className="designer">
          <div>
            {categories.loading && !categories.data ? <p className="muted">{t('common.loading')}</p> : null}
            {categories.data && rows.length === 0 ? <p className="muted">{t('portal.category.empty')}</p> : null}
            {rows.map((c, index) => (
              <HallCategory
                key={c.id}
                category={c}
                entries={entriesOf(c.id)}
                first={index === 0}
                last={index === rows.length - 1}
                busy={reorder.busy || removeEntry.busy}
                enabledApps={enabledApps}
                customApps={customById}
                departmentName={departmentName}
                tagName={tagName}
                onEdit={() => setDialog({ kind: 'category', category: c })}
                onDelete={() => setDialog({ kind: 'deleteCategory', category: c })}
                onMove={(delta) => void move('portal_categories', rows, index, delta)}
                onAddEntry={() => setDialog({ kind: 'entry', category: c })}
                onMoveEntry={(i, delta) => void move('portal_entries', entriesOf(c.id), i, delta)}
                onDeleteEntry={(e) => void onDeleteEntry(e)}
              />
            ))}
          </div>
          <HallPreview
            orgId={orgId}
            cardName={card.name}
            categories={rows}
            entries={entries.data ?? []}
            enabledApps={enabledApps}
            customApps={customApps.data ?? []}
            departments={departments.data ?? []}
            departmentOptions={departmentOptions}
            tags={tags.data ?? []}
          />
        </div>
      ) : null}
      {dialog?.kind === 'category' ? (
        <CategoryDialog
          orgId={orgId}
          cardId={cardId}
          category={dialog.category}
          nextOrder={nextSortOrder(rows)}
          departmentOptions={departmentOptions}
          tags={tags.data ?? []}
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('portal.category.saved', { name: row.name }));
            categories.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'entry' ? (
        <EntryDialog
          orgId={orgId}
          categoryId={dialog.category.id}
          categoryName={dialog.category.name}
          sortOrder={nextSortOrder(entriesOf(dialog.category.id))}
          enabledApps={enabledApps}
          customApps={customApps.data ?? []}
          onCancel={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            setMessage(t('portal.entry.added', { name: dialog.category.name }));
            entries.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'deleteCategory' ? (
        <ConfirmDialog
          title={t('portal.category.deleteTitle')}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={removeCategory.busy}
          danger
          onCancel={() => {
            removeCategory.reset();
            setDialog(undefined);
          }}
          onConfirm={() => void onDeleteCategory(dialog.category)}
        >
          <p>{t('portal.category.deleteBody', { name: dialog.category.name })}</p>
          {removeCategory.error ? <ErrorNotice error={removeCategory.error} /> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
