import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  // tsconfig leaves JSX to Next ("preserve"); tests that render components need it compiled.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['domain/**/*.test.ts', 'app/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Tests wait for events, never for time; a hung test fails at testTimeout.
    reporters: ['default'],
    env: { AUTH_SECRET: 'accord-test-secret-not-for-production', SEED_DEMO: '0', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
