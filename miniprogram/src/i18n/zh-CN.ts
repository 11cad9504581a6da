// The zh-CN catalogue is the source of truth: every key is defined here first,
// and the English catalogue must cover exactly the same keys (checked by tsc).
export const zhCN = {
  'app.title': '一码通',

  'common.loading': '加载中…',
  'common.retry': '重试',

  'login.title': '登录',
  'login.devHeading': '本地演示账号',
  'login.devHint': '本地模式：点一下即以该身份登录',
  'login.noPersonas': '没有可用的演示账号，请先运行 npm run reset',
  'login.notLocal': '微信、企业微信和短信登录即将上线',
  'login.signingIn': '正在登录…',

  'home.title': '我的工卡',
  'home.name': '姓名',
  'home.employeeNo': '工号',
  'home.department': '部门',
  'home.org': '单位',
  'home.noDepartment': '未分配部门',
  'home.cardPlaceholder': '动态码即将上线',
  'home.logout': '退出登录',

  'error.permission': '没有权限执行此操作',
  'error.sessionExpired': '登录已失效，请重新登录',
  'error.network': '网络异常，请稍后重试',
  'error.notFound': '未找到相关数据',
  'error.conflict': '数据已存在',
  'error.invalid': '提交的数据不符合要求',
  'error.server': '服务暂时不可用，请稍后重试',
  'error.malformedResponse': '服务返回了无法识别的数据',
  'error.unknown': '操作失败，请稍后重试',
  'error.configMissingWeapp': '缺少后端配置：构建小程序时请设置 TARO_APP_SUPABASE_URL 和 TARO_APP_SUPABASE_ANON_KEY',
  'error.configLoadFailed': '无法读取运行配置（{url}），请确认后端已启动',
  'error.configInvalid': '运行配置不完整：需要 supabaseUrl 和 anonKey',
} as const;

export type MessageKey = keyof typeof zhCN;
