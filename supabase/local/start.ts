// `npm start`: the whole local stack with demo data, until Ctrl-C.
// Data persists in .yima/ (override with YIMA_DATA_DIR); `npm run reset` wipes it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR, REPO_DIR } from './paths.ts';
import { portInUse } from './ports.ts';
import { startStack } from './stack.ts';

const started = Date.now();
const dataDir = process.env.YIMA_DATA_DIR ?? DEFAULT_DATA_DIR;
const verbose = process.env.YIMA_VERBOSE === '1';
const stack = await startStack({
  dataDir,
  gatewayPort: Number(process.env.YIMA_PORT ?? 54321),
  // A stable database port for psql and GUI clients (Supabase's default), unless taken.
  pgPort: (await portInUse(Number(process.env.YIMA_DB_PORT ?? 54322))) ? 0 : Number(process.env.YIMA_DB_PORT ?? 54322),
  localMode: true,
  scheduler: true,
  log: verbose ? (line) => console.log(line) : undefined,
});

const built = (dir: string) => (existsSync(join(REPO_DIR, dir, 'index.html')) ? '' : '  (not built: run npm run build)');
console.log(`
Yima 一码通 local stack is up in ${((Date.now() - started) / 1000).toFixed(1)} s  (data: ${dataDir})

  Admin console      ${stack.apiUrl}/admin/${built('admin-lite/dist')}
  H5 mini-program    ${stack.apiUrl}/h5/${built('miniprogram/dist/h5')}
  API (supabase-js)  ${stack.apiUrl}        REST ${stack.apiUrl}/rest/v1   Functions ${stack.apiUrl}/functions/v1
  Postgres           ${stack.adminDbUrl}

  anon key           ${stack.keys.anonKey}
  service_role key   (in ${join(dataDir, 'keys.json')}; server-side only)

Demo logins (pick one on either login page; local mode only):
  张伟  super-admin-a   超级管理员, 示范科技有限公司
  李娜  dept-admin-a    研发中心管理员 (scope: 总部/研发中心)
  王芳  member-a        普通成员, 研发中心/前端组
  赵强  member-b        另一租户 友邻制造有限公司

Weapp build for WeChat devtools: npm run build:weapp, then open this folder (project.config.json).
Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
