import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, department } from '../test/fixtures.ts';
import { ancestorIds, buildDepartmentTree, collectSubtreeIds, indexDepartmentTree, type DepartmentNode } from './department-tree.ts';

const names = (nodes: readonly DepartmentNode[]) => nodes.map((n) => n.department.name);

describe('buildDepartmentTree', () => {
  it('nests rows under their parents with depths', () => {
    const tree = buildDepartmentTree(DEPARTMENTS);
    expect(names(tree)).toEqual(['总部', '未分组']);
    const hq = tree[0]!;
    expect(names(hq.children)).toEqual(['研发中心', '行政部']);
    const rd = hq.children[0]!;
    expect(names(rd.children)).toEqual(['前端组', '后端组']);
    expect(rd.children[1]!.depth).toBe(2);
  });

  it('orders siblings: default group last, then sort_order, then name', () => {
    const rows = [
      department('z', null, '未分组', { is_default: true, sort_order: -10 }),
      department('b', null, '乙', { sort_order: 2 }),
      department('a2', null, '丙', { sort_order: 1 }),
      department('a1', null, '甲', { sort_order: 1 }),
    ];
    // Same sort_order: pinyin order, so 丙 (bing) before 甲 (jia).
    expect(names(buildDepartmentTree(rows))).toEqual(['丙', '甲', '乙', '未分组']);
  });

  it('makes rows whose parent is hidden (outside the admin scope) roots', () => {
    const scoped = DEPARTMENTS.filter((d) => ['rd', 'fe', 'be'].includes(d.id));
    const tree = buildDepartmentTree(scoped);
    expect(names(tree)).toEqual(['研发中心']);
    expect(tree[0]!.depth).toBe(0);
    expect(names(tree[0]!.children)).toEqual(['前端组', '后端组']);
  });

  it('does not loop on a parent cycle', () => {
    const rows = [department('x', 'y', 'X'), department('y', 'x', 'Y'), department('r', null, 'R')];
    expect(names(buildDepartmentTree(rows))).toEqual(['R']);
  });

  it('returns an empty forest for no rows', () => {
    expect(buildDepartmentTree([])).toEqual([]);
  });
});

describe('subtree ids', () => {
  const tree = buildDepartmentTree(DEPARTMENTS);
  const index = indexDepartmentTree(tree);

  it('collects a node and all descendants in display order', () => {
    expect(collectSubtreeIds(index.get('hq')!)).toEqual(['hq', 'rd', 'fe', 'be', 'adm']);
    expect(collectSubtreeIds(index.get('rd')!)).toEqual(['rd', 'fe', 'be']);
    expect(collectSubtreeIds(index.get('fe')!)).toEqual(['fe']);
  });

  it('indexes every node', () => {
    expect([...index.keys()].sort()).toEqual(DEPARTMENTS.map((d) => d.id).sort());
  });

  it('lists visible ancestors nearest first', () => {
    expect(ancestorIds(index, 'fe')).toEqual(['rd', 'hq']);
    expect(ancestorIds(index, 'hq')).toEqual([]);
    expect(ancestorIds(index, 'missing')).toEqual([]);
  });
});
