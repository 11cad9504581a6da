import { useId, useMemo, useState } from 'react';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { ancestorIds, previewHall, type PreviewViewer } from '../lib/portal-preview.ts';
import type { CustomAppRow } from '../services/apps.service.ts';
import { mediaUrl } from '../services/cards.service.ts';
import type { DepartmentRow } from '../services/departments.service.ts';
import type { CategoryRow, EntryRow } from '../services/portal.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { MemberSelect } from './member-select.tsx';

export interface HallPreviewProps {
  orgId: string;
  cardName: string;
  categories: readonly CategoryRow[];
  entries: readonly EntryRow[];
  enabledApps: ReadonlySet<string>;
  customApps: readonly CustomAppRow[];
  departments: readonly DepartmentRow[];
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
}

/**
 * A phone-frame preview of the service hall for a member with the chosen
 * department, tags and identity (or a chosen member), computed here from the
 * rows as portal_for_me does; the member's real page is decided by the server.
 */
export function HallPreview({ orgId, cardName, categories, entries, enabledApps, customApps, departments, departmentOptions, tags }: HallPreviewProps) {
  const [viewer, setViewer] = useState<PreviewViewer>({ departmentId: '', tagIds: [], identity: '', memberId: '' });
  const departmentId = useId();
  const parentOf = useMemo(() => new Map(departments.map((d) => [d.id, d.parent_id])), [departments]);
  const shown = previewHall({ categories, entries, enabledApps, customApps, viewer, ancestors: ancestorIds(viewer.departmentId, parentOf) });
  const set = (patch: Partial<PreviewViewer>) => setViewer((v) => ({ ...v, ...patch }));
  return (
    <aside className="designer__side" aria-label={t('portal.preview.title')}>
      <h2>{t('portal.preview.title')}</h2>
      <p className="muted">{t('portal.preview.hint')}</p>
      <div className="field">
        <label className="field__label" htmlFor={departmentId}>
          {t('portal.preview.department')}
        </label>
        <DepartmentPicker id={departmentId} options={departmentOptions} value={viewer.departmentId} rootLabel={t('portal.preview.anyDepartment')} onChange={(id) => set({ departmentId: id })} />
      </div>
      {tags.length > 0 ? (
        <fieldset className="field">
          <legend className="field__label">{t('portal.preview.tags')}</legend>
          <div className="check-list">
            {tags.map((tag) => (
              <label key={tag.id}>
                <input
                  type="checkbox"
                  aria-label={t('portal.preview.tag', { name: tag.name })}
                  checked={viewer.tagIds.includes(tag.id)}
                  onChange={() => set({ tagIds: viewer.tagIds.includes(tag.id) ? viewer.tagIds.filter((x) => x !== tag.id) : [...viewer.tagIds, tag.id] })}
                />{' '}
                {tag.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <label className="field">
        <span className="field__label">{t('portal.preview.identity')}</span>
        <input className="input" value={viewer.identity} onChange={(e) => set({ identity: e.target.value })} />
      </label>
      <div className="field">
        <span className="field__label">{t('portal.preview.member')}</span>
        <MemberSelect orgId={orgId} value={viewer.memberId} label={t('portal.preview.member')} onChange={(id) => set({ memberId: id })} />
      </div>
      <div className="phone-frame" data-testid="hall-preview">
        <div className="phone-frame__bar">
          <span className="badge badge--muted">{t('portal.preview.badge')}</span> {cardName}
        </div>
        {shown.length === 0 ? <p className="muted">{t('portal.preview.empty')}</p> : null}
        {shown.map((c) => (
          <section key={c.id}>
            <h3>{c.name}</h3>
            {c.entries.length === 0 ? <p className="muted">{t('portal.preview.noEntries')}</p> : null}
            <ul className="phone-frame__grid">
              {c.entries.map((e) => (
                <li key={e.id}>
                  <span className="phone-frame__icon" aria-hidden="true">
                    {e.logoMediaId ? <img src={mediaUrl(e.logoMediaId)} alt="" /> : e.name.slice(0, 1)}
                  </span>
                  <span>{e.name}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
