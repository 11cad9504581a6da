// Every route string of the console lives here (relative to the /admin/ base).
export const ROUTES = {
  login: '/login',
  members: '/members',
  tags: '/tags',
  memberImport: '/import',
  authSettings: '/settings/auth',
  cards: '/cards',
  points: '/points',
  accessRules: '/access-rules',
  accessEvents: '/access-events',
  riskEvents: '/risk-events',
  codeSettings: '/settings/code',
  // 应用中心 and 权限配置
  appSquare: '/portal/apps',
  serviceHall: '/portal/hall',
  permissions: '/settings/permissions',
  notices: '/notices',
  noticeStats: '/notices/:noticeId',
  merchants: '/payment/merchants',
  subsidies: '/payment/subsidies',
  transactions: '/payment/transactions',
  paymentReports: '/payment/reports',
  visitorSettings: '/visitors/settings',
  visitorForm: '/visitors/form',
  visits: '/visitors/records',
  // 场景应用
  events: '/scenario/events',
  eventScreen: '/scenario/events/:eventId/screen',
  eventStats: '/scenario/events/:eventId/stats',
  registrationPoints: '/scenario/registration',
  registrationRecords: '/scenario/registration/:pointId/records',
  mealBooking: '/scenario/meal-booking',
  resources: '/scenario/resources',
  resourceBookings: '/scenario/resources/bookings',
  // 运营 (platform operators) and the super admins' 工单 / 审计日志
  opsSubscriptions: '/ops/subscriptions',
  opsTickets: '/ops/tickets',
  opsTicketReport: '/ops/tickets/report',
  orgTickets: '/settings/tickets',
  audit: '/settings/audit',
} as const;

/** The statistics page of one notice. */
export const noticePath = (noticeId: string) => ROUTES.noticeStats.replace(':noticeId', encodeURIComponent(noticeId));

/** Query-string keys of the members page (shareable, reload-safe state). */
export const MEMBERS_QUERY = {
  department: 'dept',
  search: 'q',
  /** "1" = only members who have not claimed their card (未领卡). */
  unclaimed: 'unclaimed',
  page: 'page',
} as const;

/** Query-string keys of the tags page. */
export const TAGS_QUERY = {
  tag: 'tag',
  page: 'page',
} as const;

/** Query-string keys of the cards page: the selected card id, or "new". */
export const CARDS_QUERY = {
  card: 'card',
} as const;
