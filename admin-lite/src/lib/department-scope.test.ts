import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../test/fixtures.ts';
import { buildDepartmentTree, indexDepartmentTree } from './department-tree.ts';
import { departmentPath, manageableDepartmentIds, moveTargetIds, pickerOptions } from './department-scope.ts';

// 总部 > 研发中心 > {前端组, 后端组}; 总部 > 行政部; 未分组
const tree = buildDepartmentTree(DEPARTMENTS);
const index = indexDepartmentTree(tree);
const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('manageableDepartmentIds', () => {
  it('is the whole org for a super admin and the scope subtrees otherwise', () => {
    expect(sorted(manageableDepartmentIds(index, null))).toEqual(['adm', 'be', 'fe', 'hq', 'none', 'rd']);
    expect(sorted(manageableDepartmentIds(index, ['rd']))).toEqual(['be', 'fe', 'rd']);
    expect(sorted(manageableDepartmentIds(index, ['fe', 'adm', 'gone']))).toEqual(['adm', 'fe']);
    expect(manageableDepartmentIds(index, []).size).toBe(0);
  });
});

describe('pickerOptions', () => {
  it('lists allowed departments in tree order with their depth', () => {
    expect(pickerOptions(tree, new Set(['rd', 'fe', 'be']))).toEqual([
      { id: 'rd', label: '研发中心', depth: 1 },
      { id: 'fe', label: '前端组', depth: 2 },
      { id: 'be', label: '后端组', depth: 2 },
    ]);
    expect(pickerOptions(tree, manageableDepartmentIds(index, null)).map((o) => o.label)).toEqual(['总部', '研发中心', '前端组', '后端组', '行政部', '未分组']);
  });
});

describe('moveTargetIds', () => {
  it('leaves out the department, its descendants and 未分组', () => {
    expect(sorted(moveTargetIds(index, manageableDepartmentIds(index, null), 'rd'))).toEqual(['adm', 'hq']);
    expect(sorted(moveTargetIds(index, manageableDepartmentIds(index, ['rd']), 'fe'))).toEqual(['be', 'rd']);
  });
});

describe('departmentPath', () => {
  it('joins the names from the top', () => {
    expect(departmentPath(index, 'fe')).toBe('总部/研发中心/前端组');
    expect(departmentPath(index, 'none')).toBe('未分组');
    expect(departmentPath(index, 'gone')).toBe('');
  });
});
