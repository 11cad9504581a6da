// `npm run reset`: wipes the local data directory (database and keys).
import { existsSync, rmSync } from 'node:fs';
import { DEFAULT_DATA_DIR } from './paths.ts';

const dataDir = process.env.YIMA_DATA_DIR ?? DEFAULT_DATA_DIR;
if (existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Removed ${dataDir}. The next npm start creates a fresh database with demo data.`);
} else {
  console.log(`Nothing to reset: ${dataDir} does not exist.`);
}
