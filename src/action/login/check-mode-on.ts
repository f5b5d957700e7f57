import { goOn, type LoginStep, skipped } from "./login-step";

// LINKING_MODE=off links nothing and reads nothing.
export const checkModeOn: LoginStep = (_context, { config }) =>
  config.mode === "off" ? skipped(config, "mode_off") : goOn;
