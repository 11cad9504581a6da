import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetSessionCacheForTests } from '../services/session.service.ts';

// CI runs on a loaded 2-core machine: give findBy*/waitFor more than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
  resetSessionCacheForTests();
});
