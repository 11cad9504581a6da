// Flat department rows (as PostgREST returns them) -> a display tree, plus the
// subtree id sets the members query filters by. Pure; no React, no I/O.

/** The columns the tree needs; real rows carry more and keep them. */
export interface DepartmentLike {
  id: string;
  parent_id: string | null;
  name: string;
  is_default: boolean;
  sort_order: number;
}

export interface DepartmentNode<T extends DepartmentLike = DepartmentLike> {
  department: T;
  depth: number;
  children: DepartmentNode<T>[];
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Siblings: the 未分组 default group last, then sort_order, then name (pinyin order). */
function compareSiblings(a: DepartmentLike, b: DepartmentLike): number {
  if (a.is_default !== b.is_default) return a.is_default ? 1 : -1;
  if (a.sort_order !== b.sort_order) return a.sort_order - b.sort_order;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the forest. A row whose parent is not in `rows` becomes a root: a
 * department admin sees only their subtrees (RLS), whose parents are hidden.
 * Rows caught in a parent cycle (impossible with the ltree trigger) are left
 * out rather than looping.
 */
export function buildDepartmentTree<T extends DepartmentLike>(rows: readonly T[]): DepartmentNode<T>[] {
  const ids = new Set(rows.map((r) => r.id));
  const childrenOf = new Map<string, T[]>();
  const roots: T[] = [];
  for (const row of rows) {
    if (row.parent_id === null || !ids.has(row.parent_id)) {
      roots.push(row);
    } else {
      const siblings = childrenOf.get(row.parent_id);
      if (siblings) siblings.push(row);
      else childrenOf.set(row.parent_id, [row]);
    }
  }
  const build = (row: T, depth: number): DepartmentNode<T> => ({
    department: row,
    depth,
    children: (childrenOf.get(row.id) ?? []).sort(compareSiblings).map((child) => build(child, depth + 1)),
  });
  return roots.sort(compareSiblings).map((row) => build(row, 0));
}

/** Ids of `node` and all its descendants, in display (pre-)order. */
export function collectSubtreeIds(node: DepartmentNode): string[] {
  const ids: string[] = [];
  const stack: DepartmentNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    ids.push(current.department.id);
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return ids;
}

/** id -> node for every node of the forest. */
export function indexDepartmentTree<T extends DepartmentLike>(roots: readonly DepartmentNode<T>[]): Map<string, DepartmentNode<T>> {
  const index = new Map<string, DepartmentNode<T>>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    index.set(node.department.id, node);
    stack.push(...node.children);
  }
  return index;
}

/**
 * Ids of the visible ancestors of `id`, nearest first (used to expand the
 * tree down to a selected department). Stops at a hidden parent.
 */
export function ancestorIds(index: ReadonlyMap<string, DepartmentNode>, id: string): string[] {
  const result: string[] = [];
  const seen = new Set<string>([id]);
  let parent = index.get(id)?.department.parent_id ?? null;
  while (parent !== null && index.has(parent) && !seen.has(parent)) {
    result.push(parent);
    seen.add(parent);
    parent = index.get(parent)?.department.parent_id ?? null;
  }
  return result;
}
