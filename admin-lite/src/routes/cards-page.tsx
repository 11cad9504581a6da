import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CardDesigner } from '../components/card-designer.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { CARDS_QUERY } from '../constants/routes.ts';
import { useCards } from '../hooks/use-cards.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t } from '../i18n/index.ts';
import { manageableDepartmentIds, pickerOptions } from '../lib/department-scope.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';

const NEW = 'new';

/** 电子卡: the org's cards on the left, the designer (or 新建) on the right. */
export function CardsPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const orgSlug = session.memberships.find((m) => m.org_id === orgId)?.org_slug;
  const [params, setParams] = useSearchParams();
  const selectedId = params.get(CARDS_QUERY.card);
  const cards = useCards(orgId);
  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const [message, setMessage] = useState<string>();
  const manageable = useMemo(
    () => manageableDepartmentIds(departments.index, profile.is_super ? null : (profile.scope_department_ids ?? [])),
    [departments.index, profile.is_super, profile.scope_department_ids],
  );
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, manageable), [departments.tree, manageable]);
  const selected = cards.data?.find((c) => c.id === selectedId);
  const select = (id: string | null) => setParams(id ? { [CARDS_QUERY.card]: id } : {});

  return (
    <div className="page">
      <h1 className="page__title">{t('cards.title')}</h1>
      <SuccessNotice message={message} />
      <div className="split">
        <section className="card split__aside" aria-label={t('cards.list')}>
          <button type="button" className="button button--small" onClick={() => select(NEW)}>
            {t('cards.new')}
          </button>
          {cards.error ? <ErrorNotice error={cards.error} onRetry={cards.reload} /> : null}
          {cards.data ? (
            cards.data.length === 0 ? (
              <p className="muted">{t('cards.empty')}</p>
            ) : (
              <ul className="tag-list">
                {cards.data.map((card) => (
                  <li key={card.id}>
                    <button type="button" className={`tag-list__item${card.id === selectedId ? ' is-selected' : ''}`} aria-pressed={card.id === selectedId} onClick={() => select(card.id)}>
                      <span>{card.name}</span>
                      {card.subtitle ? <span className="muted">{card.subtitle}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : cards.loading ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </section>
        <section className="split__main">
          {selectedId === NEW || selected ? (
            <CardDesigner
              key={selected?.id ?? NEW}
              orgId={orgId}
              orgName={session.orgName ?? ""}
              orgSlug={orgSlug}
              card={selected}
              departmentOptions={departmentOptions}
              tags={tags.data ?? []}
              onSaved={(card, created) => {
                setMessage(created ? t('cards.created', { name: card.name }) : t('cards.saved', { name: card.name }));
                cards.reload();
                if (created) select(card.id);
              }}
              onDeleted={(card) => {
                setMessage(t('cards.deleted', { name: card.name }));
                cards.reload();
                select(null);
              }}
            />
          ) : (
            <p className="muted card">{t('cards.pickOne')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
