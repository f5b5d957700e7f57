// Where `npm run build` writes the Action: tenant.yaml's `code` for the linking Action.
export const bundlePath = "actions/link-accounts/code.js";
