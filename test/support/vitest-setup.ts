// Component tests render with @testing-library/preact; unmount after each test so tests never see each other.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/preact';

afterEach(() => {
  cleanup();
});
