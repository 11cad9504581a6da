import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUPABASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(SUPABASE_DIR, '..');
export const DEFAULT_DATA_DIR = join(REPO_DIR, '.yima');
