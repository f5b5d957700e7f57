// Packages the built Action for those who install without building TypeScript: the bundle, its
// source map, a tenant.yaml that deploys it as it is, and SHA-256 checksums. The release workflow
// attaches the folder's files to a GitHub release. Run `npm run build` first.
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { bundlePath } from "./bundle-path.mjs";

const usage = `Usage: npm run package-release -- [--out DIR]

  --out DIR   where to write the release files (default: release/)

Writes code.js (the built Action), code.js.map, tenant.yaml (its code: ./code.js) and SHA256SUMS.`;

let values;
try {
  ({ values } = parseArgs({
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const out = values.out ?? "release";
const files = ["code.js", "code.js.map", "tenant.yaml"];
try {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await copyFile(bundlePath, join(out, "code.js"));
  await copyFile(`${bundlePath}.map`, join(out, "code.js.map"));
  const tenantYaml = await readFile("tenant.yaml", "utf8");
  const releaseYaml = tenantYaml.replace(`code: ./${bundlePath}`, "code: ./code.js");
  if (releaseYaml === tenantYaml) throw new Error(`tenant.yaml does not deploy ./${bundlePath}`);
  await writeFile(join(out, "tenant.yaml"), releaseYaml);
  const sums = await Promise.all(
    files.map(async (name) => {
      const digest = createHash("sha256").update(await readFile(join(out, name)));
      return `${digest.digest("hex")}  ${basename(name)}\n`;
    }),
  );
  await writeFile(join(out, "SHA256SUMS"), sums.join(""));
} catch (error) {
  console.error(`package-release: ${error.message}`);
  process.exit(1);
}
console.log(`${out}/: ${[...files, "SHA256SUMS"].join(", ")}`);
