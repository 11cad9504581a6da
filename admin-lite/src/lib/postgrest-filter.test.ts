import { describe, expect, it } from 'vitest';
import { memberSearchFilter, quoteFilterValue } from './postgrest-filter.ts';

describe('memberSearchFilter', () => {
  it('matches name or employee number, contains, case-insensitive', () => {
    expect(memberSearchFilter(' 张 ')).toBe('name.ilike."*张*",employee_no.ilike."*张*"');
  });

  it('is undefined for a blank term or only wildcards', () => {
    expect(memberSearchFilter('   ')).toBeUndefined();
    expect(memberSearchFilter('**')).toBeUndefined();
  });

  it('quotes reserved characters so they cannot break out of the or=() tree', () => {
    expect(memberSearchFilter('a,b)')).toBe('name.ilike."*a,b)*",employee_no.ilike."*a,b)*"');
    expect(quoteFilterValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });
});
