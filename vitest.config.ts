import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
    // Collects the security suite's rows from every worker and prints the summary at the end.
    globalSetup: ["test/security/support/global-setup.ts"],
  },
});
