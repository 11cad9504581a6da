import { builtinApp } from '@yima/shared/portal/apps';
import { t } from '../i18n/index.ts';
import { isEveryone } from '../lib/portal-form.ts';
import type { CustomAppRow } from '../services/apps.service.ts';
import type { CategoryRow, EntryRow } from '../services/portal.service.ts';

export interface HallCategoryProps {
  category: CategoryRow;
  entries: readonly EntryRow[];
  first: boolean;
  last: boolean;
  busy: boolean;
  enabledApps: ReadonlySet<string>;
  customApps: ReadonlyMap<string, CustomAppRow>;
  departmentName: (id: string) => string;
  tagName: (id: string) => string;
  onEdit: () => void;
  onDelete: () => void;
  onMove: (delta: number) => void;
  onAddEntry: () => void;
  onMoveEntry: (index: number, delta: number) => void;
  onDeleteEntry: (entry: EntryRow) => void;
}

/** The entry's name as the admin sees it, with a note when members will not see it. */
function entryLabel(entry: EntryRow, enabledApps: ReadonlySet<string>, customApps: ReadonlyMap<string, CustomAppRow>): { name: string; note?: string } {
  if (entry.kind === 'app') {
    const app = entry.app_key ? builtinApp(entry.app_key) : undefined;
    return { name: app?.name['zh-CN'] ?? entry.app_key ?? '', note: entry.app_key && enabledApps.has(entry.app_key) ? undefined : t('portal.entry.appOff') };
  }
  if (entry.kind === 'custom_app') {
    const app = entry.custom_app_id ? customApps.get(entry.custom_app_id) : undefined;
    return { name: app?.name ?? t('common.none'), note: app?.enabled ? undefined : t('portal.entry.appOff') };
  }
  return { name: entry.name ?? '' };
}

/** One 服务大厅 category: who sees it, its entries in order, and the actions. */
export function HallCategory(props: HallCategoryProps) {
  const { category: c, entries, busy } = props;
  const v = c.visibility;
  const parts = [
    v.departments?.length ? t('portal.visibility.departments', { list: v.departments.map(props.departmentName).join('、') }) : null,
    v.tags?.length ? t('portal.visibility.tags', { list: v.tags.map(props.tagName).join('、') }) : null,
    v.identities?.length ? t('portal.visibility.identities', { list: v.identities.join('、') }) : null,
    v.members?.length ? t('portal.visibility.members', { count: v.members.length }) : null,
  ].filter((p): p is string => p !== null);
  return (
    <section className="card" aria-label={c.name}>
      <div className="toolbar">
        <h3>
          {c.name} <small className="muted">#{c.sort_order}</small>
        </h3>
        <div className="page__actions">
          <button type="button" className="button button--ghost button--small" aria-label={t('portal.category.moveUp', { name: c.name })} disabled={busy || props.first} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="button button--ghost button--small" aria-label={t('portal.category.moveDown', { name: c.name })} disabled={busy || props.last} onClick={() => props.onMove(1)}>
            ↓
          </button>
          <button type="button" className="button button--ghost button--small" onClick={props.onEdit}>
            {t('common.edit')}
          </button>
          <button type="button" className="button button--ghost button--small button--danger-text" onClick={props.onDelete}>
            {t('common.delete')}
          </button>
        </div>
      </div>
      <p className="muted">{isEveryone(v) ? t('portal.visibility.everyone') : t('portal.visibility.some', { list: parts.join('；') })}</p>
      {entries.length === 0 ? <p className="muted">{t('portal.entry.empty')}</p> : null}
      <ol className="pick-list" aria-label={t('portal.entry.list', { name: c.name })}>
        {entries.map((entry, index) => {
          const label = entryLabel(entry, props.enabledApps, props.customApps);
          return (
            <li key={entry.id} className="toolbar">
              <span>
                {label.name} <small className="muted">{t(`portal.entry.kind.${entry.kind}`)}</small>
                {label.note ? <small className="text-danger"> {label.note}</small> : null}
              </span>
              <span className="page__actions">
                <button type="button" className="button button--ghost button--small" aria-label={t('portal.entry.moveUp', { name: label.name })} disabled={busy || index === 0} onClick={() => props.onMoveEntry(index, -1)}>
                  ↑
                </button>
                <button type="button" className="button button--ghost button--small" aria-label={t('portal.entry.moveDown', { name: label.name })} disabled={busy || index === entries.length - 1} onClick={() => props.onMoveEntry(index, 1)}>
                  ↓
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" aria-label={t('portal.entry.remove', { name: label.name })} disabled={busy} onClick={() => props.onDeleteEntry(entry)}>
                  {t('common.remove')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--small" onClick={props.onAddEntry}>
        {t('portal.entry.addTo', { name: c.name })}
      </button>
    </section>
  );
}
