import type { LoginInput } from "../simulator/login";

export interface LoginStep {
  title: string;
  login: LoginInput;
}

/** The person proves their address (the verification email's link), outside any login. */
export interface VerifyEmailStep {
  title: string;
  verifyEmail: { connection: string; providerUserId: string };
}

export type ScenarioStep = LoginStep | VerifyEmailStep;

export interface Scenario {
  title: string;
  /** tenant.yaml keywords for the Action, e.g. { "LINKING_MODE": "dry-run" }. */
  settings?: Record<string, string>;
  steps: ScenarioStep[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeStepError(index: number, message: string): Error {
  return new Error(`scenario step ${index + 1}: ${message}`);
}

function readLogin(value: unknown, index: number): LoginInput {
  if (
    !isRecord(value) ||
    typeof value.connection !== "string" ||
    typeof value.providerUserId !== "string"
  ) {
    throw describeStepError(index, '"login" needs "connection" and "providerUserId" strings');
  }
  return value as unknown as LoginInput;
}

/** Checks a scenario file's shape, so a typo is reported by step rather than as a crash. */
export function parseScenario(json: unknown): Scenario {
  if (!isRecord(json) || !Array.isArray(json.steps)) {
    throw new Error('a scenario is an object with a "steps" array');
  }
  const steps = json.steps.map((step, index): ScenarioStep => {
    if (!isRecord(step)) throw describeStepError(index, "not an object");
    const title = typeof step.title === "string" ? step.title : `step ${index + 1}`;
    if ("login" in step) return { title, login: readLogin(step.login, index) };
    if ("verifyEmail" in step) {
      const target = readLogin(step.verifyEmail, index);
      return {
        title,
        verifyEmail: { connection: target.connection, providerUserId: target.providerUserId },
      };
    }
    throw describeStepError(index, 'needs "login" or "verifyEmail"');
  });
  const settings = isRecord(json.settings)
    ? Object.fromEntries(Object.entries(json.settings).map(([k, v]) => [k, String(v)]))
    : undefined;
  return {
    title: typeof json.title === "string" ? json.title : "scenario",
    ...(settings ? { settings } : {}),
    steps,
  };
}
