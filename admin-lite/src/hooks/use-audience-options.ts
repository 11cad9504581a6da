import { useMemo } from 'react';
import { pickerOptions, type PickerOption } from '../lib/department-scope.ts';
import type { TagRow } from '../services/tags.service.ts';
import { useDepartments } from './use-departments.ts';
import { useTags } from './use-tags.ts';

export interface AudienceOptions {
  departments: PickerOption[];
  tags: TagRow[];
}

/** Departments (indented, every one the admin can see) and tags, for 适用对象 / 发放对象 pickers. */
export function useAudienceOptions(orgId: string): AudienceOptions {
  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const options = useMemo(() => pickerOptions(departments.tree, new Set(departments.index.keys())), [departments.tree, departments.index]);
  return { departments: options, tags: tags.data ?? [] };
}
