// zh-CN is the source catalogue: every UI string starts here. The English
// catalogue must have exactly the same keys (enforced by its type).
export const zhCN = {
  'app.title': '一码通 · 管理后台',
  'app.brand': '一码通',
  'app.brandSub': '管理后台',

  'config.errorTitle': '无法加载运行配置',
  'config.errorBody': '管理后台需要后端地址和 anon key：请由网关提供 /env.json，或在构建时设置 VITE_SUPABASE_URL 与 VITE_SUPABASE_ANON_KEY。',
  'config.errorDetail': '详细信息：{detail}',
  'config.retry': '重试',
  'config.loading': '正在加载配置…',

  'login.title': '登录管理后台',
  'login.devHint': '本地演示环境：选择一个演示身份一键登录。',
  'login.devLoading': '正在加载演示身份…',
  'login.devEmpty': '没有可用的演示身份，请先运行 npm run reset 写入演示数据。',
  'login.loginAs': '以 {name} 登录',
  'login.signingIn': '登录中…',
  'login.smsComingSoon': '短信验证码登录即将开放。当前环境未启用演示登录。',
  'login.expired': '登录已失效，请重新登录',
  'login.noMembership': '该账号未加入任何组织，无法登录管理后台',

  'layout.nav.departments': '部门与成员',
  'layout.logout': '退出登录',
  'layout.mainNav': '主导航',

  'departments.title': '部门与成员',
  'departments.tree': '部门',
  'departments.all': '全部成员',
  'departments.expand': '展开',
  'departments.collapse': '收起',
  'departments.empty': '暂无部门',

  'members.searchPlaceholder': '搜索姓名或工号',
  'members.searchLabel': '搜索成员',
  'members.col.employeeNo': '工号',
  'members.col.name': '姓名',
  'members.col.department': '部门',
  'members.col.phone': '手机号',
  'members.col.idCard': '身份证号',
  'members.col.status': '状态',
  'members.empty': '没有符合条件的成员',
  'members.status.active': '正常',
  'members.status.disabled': '已停用',
  'members.status.left': '已离职',

  'pager.total': '共 {total} 条',
  'pager.page': '第 {page} / {pages} 页',
  'pager.prev': '上一页',
  'pager.next': '下一页',

  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.none': '—',

  'error.forbidden': '没有权限执行此操作',
  'error.sessionExpired': '登录已失效，请重新登录',
  'error.duplicate': '数据重复',
  'error.network': '网络异常，请稍后重试',
  'error.unknown': '操作失败，请稍后重试',
  'error.httpStatus': '请求失败（HTTP {status}）',
} as const;

export type MessageKey = keyof typeof zhCN;
