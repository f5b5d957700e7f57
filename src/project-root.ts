import { fileURLToPath } from "node:url";

/** The repository's root: where package.json, tenant.yaml and node_modules are. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/** What auth0-deploy-cli deploys, and what the local tenant runs unless told otherwise. */
export const tenantYamlPath = fileURLToPath(new URL("../tenant.yaml", import.meta.url));
