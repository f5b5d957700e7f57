// Bundles the Action into the one CommonJS file that auth0-deploy-cli uploads and Auth0 runs.
import { stat } from "node:fs/promises";
import { build } from "esbuild";
import { bundlePath } from "./bundle-path.mjs";

// Auth0 says an Action's own code "should not exceed 100 kB" (npm dependencies do not count); this
// project keeps to 60 kB so that the next protection still fits.
const maxBundleBytes = 60 * 1024;

await build({
  entryPoints: ["src/action/index.ts"],
  outfile: bundlePath,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  // auth0 and jose are the Action's declared npm dependencies (tenant.yaml), installed by Auth0,
  // not bundled.
  external: ["auth0", "auth0/*", "jose"],
  legalComments: "none",
  // Minified to stay well under Auth0's limit. Keeping function names would cost about 5 kB; the
  // external source map (not deployed, attached to each release) maps a stack trace from the
  // tenant's logs back to src/. The log line itself names nothing by function.
  minify: true,
  sourcemap: "external",
  logLevel: "warning",
  banner: {
    js: "// Built by `npm run build` from src/action. Do not edit: changes are overwritten.",
  },
});

const { size } = await stat(bundlePath);
console.log(`${bundlePath}: ${(size / 1024).toFixed(1)} kB (budget ${maxBundleBytes / 1024} kB)`);
if (size > maxBundleBytes) {
  console.error(
    `The bundle is over this project's ${maxBundleBytes / 1024} kB budget (Auth0's limit is 100 kB).`,
  );
  process.exit(1);
}
