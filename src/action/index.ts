// The bundle's entry: Auth0 calls the exported onExecutePostLogin of the deployed CommonJS file.
export { onExecutePostLogin } from "./post-login";
