import { t } from '../i18n/index.ts';
import type { DepartmentNode } from '../lib/department-tree.ts';
import type { DepartmentRow } from '../services/departments.service.ts';

export interface DepartmentTreeProps {
  roots: readonly DepartmentNode<DepartmentRow>[];
  /** null = 全部成员 (no department filter). */
  selectedId: string | null;
  expanded: ReadonlySet<string>;
  onSelect: (departmentId: string | null) => void;
  onToggle: (departmentId: string) => void;
}

/** Collapsible department tree (WAI-ARIA tree pattern, buttons for focus). */
export function DepartmentTree({ roots, selectedId, expanded, onSelect, onToggle }: DepartmentTreeProps) {
  return (
    <div className="dept-tree">
      <button
        type="button"
        className={`dept-tree__all${selectedId === null ? ' is-selected' : ''}`}
        aria-pressed={selectedId === null}
        onClick={() => onSelect(null)}
      >
        {t('departments.all')}
      </button>
      {roots.length === 0 ? (
        <p className="muted">{t('departments.empty')}</p>
      ) : (
        <ul role="tree" aria-label={t('departments.tree')} className="dept-tree__list">
          {roots.map((node) => (
            <TreeItem key={node.department.id} node={node} selectedId={selectedId} expanded={expanded} onSelect={onSelect} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </div>
  );
}

interface TreeItemProps extends Omit<DepartmentTreeProps, 'roots'> {
  node: DepartmentNode<DepartmentRow>;
}

function TreeItem({ node, selectedId, expanded, onSelect, onToggle }: TreeItemProps) {
  const { department, children, depth } = node;
  const hasChildren = children.length > 0;
  const isOpen = hasChildren && expanded.has(department.id);
  const isSelected = selectedId === department.id;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? isOpen : undefined} aria-selected={isSelected}>
      <div className={`dept-tree__row${isSelected ? ' is-selected' : ''}`} style={{ paddingLeft: `${depth * 16 + 4}px` }}>
        {hasChildren ? (
          <button
            type="button"
            className="dept-tree__toggle"
            aria-label={`${isOpen ? t('departments.collapse') : t('departments.expand')} ${department.name}`}
            onClick={() => onToggle(department.id)}
          >
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span className="dept-tree__toggle" aria-hidden="true" />
        )}
        <button type="button" className="dept-tree__label" onClick={() => onSelect(department.id)}>
          {department.name}
        </button>
      </div>
      {isOpen ? (
        <ul role="group">
          {children.map((child) => (
            <TreeItem key={child.department.id} node={child} selectedId={selectedId} expanded={expanded} onSelect={onSelect} onToggle={onToggle} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
