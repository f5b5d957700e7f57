import type { LocalTenant } from "../local-tenant";
import type { Scenario, ScenarioStep } from "./scenario";

export interface StepOutcome {
  step: number;
  title: string;
  /** Who the session ends as, or how the login ended otherwise. */
  session: string;
  outcome: string;
  reason: string;
  managementApiCalls: number;
}

function lineOf(logLines: object[]): Record<string, unknown> {
  return (logLines.find((line) => "event" in line) ?? {}) as Record<string, unknown>;
}

async function playStep(
  tenant: LocalTenant,
  step: ScenarioStep,
  index: number,
): Promise<StepOutcome> {
  const base = { step: index + 1, title: step.title };
  if ("verifyEmail" in step) {
    const connection = tenant.state.getConnectionByName(step.verifyEmail.connection);
    const user = connection
      ? tenant.state.findUserByIdentity(connection.strategy, step.verifyEmail.providerUserId)
      : undefined;
    if (!user)
      return { ...base, session: "-", outcome: "no such user", reason: "-", managementApiCalls: 0 };
    tenant.state.updateUser(user.user_id, { email_verified: true });
    return {
      ...base,
      session: user.user_id,
      outcome: "email verified",
      reason: "-",
      managementApiCalls: 0,
    };
  }
  const result = await tenant.login(step.login);
  const line = lineOf(result.logLines);
  const session =
    result.sessionUserId ??
    (result.denied ? `denied: ${result.denied}` : `failed: ${result.error}`);
  return {
    ...base,
    session,
    outcome: String(line.outcome ?? "-"),
    reason: String(line.reason ?? "-"),
    managementApiCalls: result.managementApiCalls.length,
  };
}

/** Plays the steps in order against the tenant and says what each one did. */
export async function playScenario(
  tenant: LocalTenant,
  scenario: Scenario,
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    outcomes.push(await playStep(tenant, step, index));
  }
  return outcomes;
}
