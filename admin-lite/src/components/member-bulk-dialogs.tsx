// Dialogs for what the selection bar of 部门与成员 does to the selected
// members: move, change status, add or remove a tag, delete, 短信通知领卡.
// Each runs its service call and reports a sentence for the page to show.
import { useId, useMemo, useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { inviteMembers, type InviteResult } from '../services/member-invites.service.ts';
import { deleteMembers, MEMBER_STATUSES, moveMembers, setMembersStatus, type MemberRow, type MemberStatus } from '../services/members.service.ts';
import { tagMembers, untagMembers, type TagRow } from '../services/tags.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

interface BulkProps {
  orgId: string;
  members: readonly MemberRow[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

const ids = (members: readonly MemberRow[]) => members.map((m) => m.id);
const NAME_PREVIEW = 10;

/** 张三、李四 等 12 人 */
export function namesPreview(members: readonly MemberRow[]): string {
  const names = members.slice(0, NAME_PREVIEW).map((m) => m.name).join('、');
  return members.length > NAME_PREVIEW ? t('members.namesAndMore', { names, count: members.length }) : names;
}

/** "…; 2 名成员不在你的管理范围内，未处理" when the database changed fewer rows than asked. */
function withSkipped(message: string, asked: number, done: number): string {
  return done < asked ? `${message}${t('members.bulk.skipped', { count: asked - done })}` : message;
}

export function MoveMembersDialog({ orgId, members, options, onDone, onCancel }: BulkProps & { options: readonly PickerOption[] }) {
  const [target, setTarget] = useState('');
  const move = useAction(() => moveMembers(orgId, ids(members), target));
  const targetName = options.find((o) => o.id === target)?.label ?? '';
  const onSubmit = async () => {
    const outcome = await move.run();
    if (outcome.ok) onDone(withSkipped(t('members.move.done', { count: outcome.value, department: targetName }), members.length, outcome.value));
  };
  return (
    <FormDialog
      title={t('members.move.title')}
      submitLabel={t('members.move.confirm')}
      busyLabel={t('common.saving')}
      busy={move.busy}
      submitDisabled={target === ''}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('members.move.body', { count: members.length, names: namesPreview(members) })}</p>
      <FormField label={t('members.move.target')}>
        {({ id }) => <DepartmentPicker id={id} options={options} value={target} onChange={setTarget} />}
      </FormField>
      {move.error ? <ErrorNotice error={move.error} /> : null}
    </FormDialog>
  );
}

const STATUS_LABELS = {
  active: 'members.status.active',
  disabled: 'members.status.disabled',
  left: 'members.status.left',
} as const;

export function MemberStatusDialog({ orgId, members, onDone, onCancel }: BulkProps) {
  const [status, setStatus] = useState<MemberStatus>('disabled');
  const change = useAction(() => setMembersStatus(orgId, ids(members), status));
  const onSubmit = async () => {
    const outcome = await change.run();
    if (outcome.ok) {
      onDone(withSkipped(t('members.status.done', { count: outcome.value, status: t(STATUS_LABELS[status]) }), members.length, outcome.value));
    }
  };
  return (
    <FormDialog
      title={t('members.status.title')}
      submitLabel={t('common.save')}
      busyLabel={t('common.saving')}
      busy={change.busy}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('members.status.body', { count: members.length, names: namesPreview(members) })}</p>
      <FormField label={t('members.status.new')} hint={t('members.status.hint')}>
        {({ id, describedBy }) => (
          <select id={id} className="input" aria-describedby={describedBy} value={status} onChange={(event) => setStatus(event.target.value as MemberStatus)}>
            {MEMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {change.error ? <ErrorNotice error={change.error} /> : null}
    </FormDialog>
  );
}

export function TagMembersDialog({ mode, members, tags, onDone, onCancel }: Omit<BulkProps, 'orgId'> & { mode: 'add' | 'remove'; tags: readonly TagRow[] }) {
  // Removing offers only the tags some selected member carries.
  const choices = useMemo(() => {
    if (mode === 'add') return tags.map((tag) => ({ id: tag.id, name: tag.name }));
    const carried = new Map<string, string>();
    for (const m of members) for (const tag of m.tags) carried.set(tag.id, tag.name);
    return [...carried].map(([id, name]) => ({ id, name }));
  }, [mode, tags, members]);
  const [tagId, setTagId] = useState(choices[0]?.id ?? '');
  const selectId = useId();
  const act = useAction(() => (mode === 'add' ? tagMembers(tagId, { memberIds: ids(members) }) : untagMembers(tagId, ids(members))));
  const tagName = choices.find((c) => c.id === tagId)?.name ?? '';
  const onSubmit = async () => {
    const outcome = await act.run();
    if (outcome.ok) onDone(t(mode === 'add' ? 'members.tag.added' : 'members.tag.removed', { count: outcome.value, tag: tagName }));
  };
  return (
    <FormDialog
      title={t(mode === 'add' ? 'members.tag.addTitle' : 'members.tag.removeTitle')}
      submitLabel={t(mode === 'add' ? 'members.tag.add' : 'members.tag.remove')}
      busyLabel={t('common.saving')}
      busy={act.busy}
      submitDisabled={tagId === ''}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('members.tag.body', { count: members.length, names: namesPreview(members) })}</p>
      {choices.length === 0 ? (
        <p className="notice notice--warn">{t(mode === 'add' ? 'members.tag.noTags' : 'members.tag.noneCarried')}</p>
      ) : (
        <div className="field">
          <label className="field__label" htmlFor={selectId}>
            {t('members.tag.pick')}
          </label>
          <select id={selectId} className="input" value={tagId} onChange={(event) => setTagId(event.target.value)}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {act.error ? <ErrorNotice error={act.error} /> : null}
    </FormDialog>
  );
}

export function DeleteMembersDialog({ orgId, members, selfId, onDone, onCancel }: BulkProps & { selfId?: string }) {
  const remove = useAction(() => deleteMembers(orgId, ids(members)));
  const onSubmit = async () => {
    const outcome = await remove.run();
    if (outcome.ok) onDone(withSkipped(t('members.delete.done', { count: outcome.value }), members.length, outcome.value));
  };
  return (
    <FormDialog
      title={t('members.delete.title')}
      submitLabel={t('members.delete.confirm')}
      busyLabel={t('members.delete.busy')}
      busy={remove.busy}
      danger
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('members.delete.body', { count: members.length, names: namesPreview(members) })}</p>
      <p className="notice notice--warn">{t('members.delete.irreversible')}</p>
      {members.some((m) => m.id === selfId) ? <p className="notice notice--warn">{t('members.delete.self')}</p> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
    </FormDialog>
  );
}

/** 短信通知领卡: only unclaimed members are sent (the function skips the rest anyway). */
export function InviteMembersDialog({ members, onSent, onCancel }: Omit<BulkProps, 'onDone' | 'orgId'> & { onSent: (result: InviteResult) => void }) {
  const unclaimed = members.filter((m) => m.account_id === null);
  const invite = useAction(() => inviteMembers(ids(unclaimed)));
  const onSubmit = async () => {
    const outcome = await invite.run();
    if (outcome.ok) onSent(outcome.value);
  };
  return (
    <FormDialog
      title={t('invite.title')}
      submitLabel={t('invite.confirm')}
      busyLabel={t('invite.busy')}
      busy={invite.busy}
      submitDisabled={unclaimed.length === 0}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('invite.body', { count: unclaimed.length, names: namesPreview(unclaimed) })}</p>
      {unclaimed.length < members.length ? <p className="muted">{t('invite.claimedLeftOut', { count: members.length - unclaimed.length })}</p> : null}
      <p className="muted">{t('invite.rules')}</p>
      {invite.error ? <ErrorNotice error={invite.error} /> : null}
    </FormDialog>
  );
}
