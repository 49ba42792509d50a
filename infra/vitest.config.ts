import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Synthesizing a stack with a VPC, RDS and two Fargate services takes several seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
