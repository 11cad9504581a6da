import { describe, expect, it } from 'vitest';
import { departmentNameProblem, tagNameProblem } from './name-rules.ts';

describe('name rules', () => {
  it('checks department names like the database (1–50, no /)', () => {
    expect(departmentNameProblem(' 研发中心 ')).toBeNull();
    expect(departmentNameProblem('  ')).toBe('必填');
    expect(departmentNameProblem('研发/前端')).toContain('不能包含 /');
    expect(departmentNameProblem('部'.repeat(51))).toBe('部门名称最长 50 个字');
  });

  it('checks tag names (1–30)', () => {
    expect(tagNameProblem('党员')).toBeNull();
    expect(tagNameProblem('')).toBe('必填');
    expect(tagNameProblem('标'.repeat(31))).toBe('标签名称最长 30 个字');
  });
});
