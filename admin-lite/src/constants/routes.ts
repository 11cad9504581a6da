// Every route string of the console lives here (relative to the /admin/ base).
export const ROUTES = {
  login: '/login',
  members: '/members',
  authSettings: '/settings/auth',
} as const;

/** Query-string keys of the members page (shareable, reload-safe state). */
export const MEMBERS_QUERY = {
  department: 'dept',
  search: 'q',
  page: 'page',
} as const;
