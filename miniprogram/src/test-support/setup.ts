import { configure } from '@testing-library/react';

// CI runs on a loaded 2-core machine: give findBy*/waitFor more than the default 1 s.
configure({ asyncUtilTimeout: 5000 });
