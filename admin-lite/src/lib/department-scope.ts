// Which departments this admin may change, and the choices the pickers offer.
// The whole tree is visible to every member (names only); writes are limited
// to the admin's scope: everything for a super admin, else the subtrees of
// their groups' departments (my_admin_profile.scope_department_ids). The
// database enforces the same; this only keeps the UI from offering the rest.
import { collectSubtreeIds, type DepartmentLike, type DepartmentNode } from './department-tree.ts';

type Index<T extends DepartmentLike> = ReadonlyMap<string, DepartmentNode<T>>;

/** Ids of every department the admin administers; `scopeIds` null = the whole org. */
export function manageableDepartmentIds<T extends DepartmentLike>(index: Index<T>, scopeIds: readonly string[] | null): Set<string> {
  if (scopeIds === null) return new Set(index.keys());
  const ids = new Set<string>();
  for (const root of scopeIds) {
    const node = index.get(root);
    if (node) for (const id of collectSubtreeIds(node)) ids.add(id);
  }
  return ids;
}

/** `总部/研发中心/前端组`: the names from the top visible ancestor down. */
export function departmentPath<T extends DepartmentLike>(index: Index<T>, id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current = index.get(id);
  while (current && !seen.has(current.department.id)) {
    seen.add(current.department.id);
    names.unshift(current.department.name);
    current = current.department.parent_id === null ? undefined : index.get(current.department.parent_id);
  }
  return names.join('/');
}

export interface PickerOption {
  id: string;
  label: string;
  depth: number;
}

/** The forest in display order, keeping only `allowed` ids (depth as in the full tree). */
export function pickerOptions<T extends DepartmentLike>(roots: readonly DepartmentNode<T>[], allowed: ReadonlySet<string>): PickerOption[] {
  const options: PickerOption[] = [];
  const visit = (node: DepartmentNode<T>) => {
    if (allowed.has(node.department.id)) options.push({ id: node.department.id, label: node.department.name, depth: node.depth });
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return options;
}

/**
 * Where `departmentId` may move: a department the admin administers that is
 * neither the department itself nor one of its descendants (a cycle, YM003),
 * and not 未分组 (it stays a flat group). Its current parent stays listed.
 */
export function moveTargetIds<T extends DepartmentLike>(index: Index<T>, manageable: ReadonlySet<string>, departmentId: string): Set<string> {
  const node = index.get(departmentId);
  const inside = new Set(node ? collectSubtreeIds(node) : [departmentId]);
  const targets = new Set<string>();
  for (const id of manageable) {
    if (!inside.has(id) && !index.get(id)?.department.is_default) targets.add(id);
  }
  return targets;
}
