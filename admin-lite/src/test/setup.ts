import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetSessionCacheForTests } from '../services/session.service.ts';

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
  resetSessionCacheForTests();
});
