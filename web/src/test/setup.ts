import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Finding what a step shows may take long on a shared, busy machine; no outcome depends on speed.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});
