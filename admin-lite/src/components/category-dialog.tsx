import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { visibilityDraftOf, visibilityOf, type VisibilityDraft } from '../lib/portal-form.ts';
import { memberRefs } from '../services/member-lookup.service.ts';
import { createCategory, updateCategory, type CategoryInput, type CategoryRow } from '../services/portal.service.ts';
import { AudienceFields } from './audience-fields.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { MemberSelect } from './member-select.tsx';

export interface CategoryDialogProps {
  orgId: string;
  cardId: string;
  category?: CategoryRow;
  /** sort_order proposed for a new category. */
  nextOrder: number;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (row: CategoryRow) => void;
  onCancel: () => void;
}

/** 新建 / 编辑分类: name, order, and who sees it (departments, tags, identities, members; none = everyone). */
export function CategoryDialog({ orgId, cardId, category, nextOrder, departmentOptions, tags, onDone, onCancel }: CategoryDialogProps) {
  const [name, setName] = useState(category?.name ?? '');
  const [order, setOrder] = useState(String(category?.sort_order ?? nextOrder));
  const [visibility, setVisibility] = useState<VisibilityDraft>(() => visibilityDraftOf(category?.visibility ?? {}));
  const [pick, setPick] = useState({ id: '', name: '' });
  const [errors, setErrors] = useState<{ name?: string; order?: string }>({});
  const save = useAction((input: CategoryInput) => (category ? updateCategory(orgId, category.id, input) : createCategory(orgId, cardId, input)));
  // Names of the members already in the audience (the row keeps ids only).
  const refs = useAsync(() => memberRefs(orgId, category?.visibility.members ?? []), [orgId, category?.id]);
  const memberName = (m: { id: string; name: string }) => (m.name !== m.id ? m.name : refs.data?.get(m.id)?.name ?? t('pay.tx.unknownMember'));

  const addMember = () => {
    if (pick.id && !visibility.members.some((m) => m.id === pick.id)) setVisibility({ ...visibility, members: [...visibility.members, pick] });
    setPick({ id: '', name: '' });
  };

  const submit = async () => {
    const trimmed = name.trim();
    const sortOrder = Number(order);
    const next = {
      name: trimmed.length === 0 || trimmed.length > 20 ? t('portal.category.nameRule') : undefined,
      order: order.trim() === '' || !Number.isInteger(sortOrder) || Math.abs(sortOrder) > 1_000_000 ? t('portal.category.orderRule') : undefined,
    };
    setErrors(next);
    if (next.name || next.order) return;
    const outcome = await save.run({ name: trimmed, sort_order: sortOrder, visibility: visibilityOf(visibility) });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog wide title={category ? t('portal.category.editTitle', { name: category.name }) : t('portal.category.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('portal.category.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={20} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label={t('portal.category.order')} hint={t('portal.category.orderHint')} error={errors.order}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={order} onChange={(e) => setOrder(e.target.value)} />}
      </FormField>
      <fieldset className="field">
        <legend className="field__label">{t('portal.category.visibility')}</legend>
        <p className="field__hint">{t('portal.category.visibilityHint')}</p>
        <AudienceFields value={visibility} onChange={(v) => setVisibility({ ...visibility, ...v })} departmentOptions={departmentOptions} tags={tags} />
        <span className="field__label">{t('portal.category.members')}</span>
        <ul className="chips" aria-label={t('portal.category.members')}>
          {visibility.members.map((m) => (
            <li key={m.id} className="chip">
              {memberName(m)}
              <button type="button" className="chip__remove" aria-label={t('portal.category.removeMember', { name: memberName(m) })} onClick={() => setVisibility({ ...visibility, members: visibility.members.filter((x) => x.id !== m.id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="toolbar__filters">
          <MemberSelect orgId={orgId} value={pick.id} onChange={(id, label) => setPick({ id, name: label })} />
          <button type="button" className="button button--small" disabled={!pick.id} onClick={addMember}>
            {t('portal.category.addMember')}
          </button>
        </div>
      </fieldset>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
