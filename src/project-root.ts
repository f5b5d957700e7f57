import { fileURLToPath } from "node:url";

/** The repository's root: where package.json, tenant.yaml and node_modules are. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
