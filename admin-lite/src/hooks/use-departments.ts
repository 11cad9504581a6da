import { useMemo } from 'react';
import { buildDepartmentTree, indexDepartmentTree, type DepartmentNode } from '../lib/department-tree.ts';
import { listDepartments, type DepartmentRow } from '../services/departments.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export interface DepartmentsState extends AsyncState<DepartmentRow[]> {
  tree: DepartmentNode<DepartmentRow>[];
  index: Map<string, DepartmentNode<DepartmentRow>>;
}

export function useDepartments(orgId: string): DepartmentsState {
  const state = useAsync(() => listDepartments(orgId), [orgId]);
  const tree = useMemo(() => buildDepartmentTree(state.data ?? []), [state.data]);
  const index = useMemo(() => indexDepartmentTree(tree), [tree]);
  return { ...state, tree, index };
}
