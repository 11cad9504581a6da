// The member import template (成员导入模板). Versioned: an upload must carry
// the current version in its title row and exactly these columns, in this
// order; columns may not be added or removed.

export const IMPORT_TEMPLATE_VERSION = 'V1.1';
export const IMPORT_TEMPLATE_TITLE = `一码通成员导入模板 ${IMPORT_TEMPLATE_VERSION}`;
export const IMPORT_MAX_ROWS = 10_000;

export interface ImportColumn {
  key: 'employee_no' | 'name' | 'phone' | 'id_card' | 'department' | 'tags';
  header: string;
  required: boolean;
  /** Shown in the template's note row. */
  hint: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'employee_no', header: '工号', required: true, hint: '必填；字母、数字、._-，最长32位；已存在的工号将被覆盖更新' },
  { key: 'name', header: '姓名', required: true, hint: '必填，最长50字' },
  { key: 'phone', header: '手机号', required: false, hint: '11位大陆手机号；领卡和短信邀请需要' },
  { key: 'id_card', header: '身份证号', required: false, hint: '18位居民身份证号' },
  { key: 'department', header: '部门', required: false, hint: '用 / 分隔层级，如 总部/研发/前端；不存在的部门会自动创建；留空为未分组' },
  { key: 'tags', header: '标签', required: false, hint: '多个标签用逗号分隔' },
];

/** Layout of a template sheet: title row, header row, hint row, then data. */
export const IMPORT_LAYOUT = { titleRow: 1, headerRow: 2, hintRow: 3, firstDataRow: 4 } as const;
