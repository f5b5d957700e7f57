// The bundle's entry: Auth0 calls the exported handlers of the deployed CommonJS file.
export { onContinuePostLogin, onExecutePostLogin } from "./post-login";
