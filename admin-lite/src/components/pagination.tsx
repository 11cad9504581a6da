import { t } from '../i18n/index.ts';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  disabled?: boolean;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function Pagination({ page, pageSize, total, onPageChange, disabled = false }: PaginationProps) {
  const pages = pageCount(total, pageSize);
  return (
    <nav className="pager" aria-label={t('pager.page', { page, pages })}>
      <span className="pager__total">{t('pager.total', { total })}</span>
      <button type="button" className="button button--small" disabled={disabled || page <= 1} onClick={() => onPageChange(page - 1)}>
        {t('pager.prev')}
      </button>
      <span className="pager__page">{t('pager.page', { page, pages })}</span>
      <button type="button" className="button button--small" disabled={disabled || page >= pages} onClick={() => onPageChange(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
