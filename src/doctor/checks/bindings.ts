import { linkingActionName } from "../../deploy/deploy-settings";
import { type DoctorContext, describeAnswer, listIn } from "../context";
import { type CheckRow, fail, pass, warn } from "../report";

/**
 * The Action is bound to post-login; the other post-login Actions are named in their order, since
 * each runs at the prompted sign-in too and must leave it alone.
 */
export async function checkBindings(context: DoctorContext): Promise<CheckRow[]> {
  if (!context.tokens.admin) return [];
  const answer = await context.get("/api/v2/actions/triggers/post-login/bindings", "admin");
  const bindings =
    answer.answered && answer.status === 200 ? listIn(answer.body, "bindings") : undefined;
  if (!bindings) {
    return [
      warn(
        "post-login binding",
        `could not read the bindings (${describeAnswer(answer)})`,
        "grant read:actions to the administrator's application",
      ),
    ];
  }
  const names = bindings.map((binding) => {
    const { action, display_name } = binding as {
      action?: { name?: unknown };
      display_name?: unknown;
    };
    return String(action?.name ?? display_name);
  });
  const position = names.indexOf(linkingActionName);
  const rows: CheckRow[] = [
    position >= 0
      ? pass("post-login binding", `bound, ${position + 1} of ${names.length}`)
      : fail(
          "post-login binding",
          `${linkingActionName} is not bound to post-login: it never runs`,
          "deploy with npm run deploy (it binds it), or drag it into Actions → Flows → Login",
        ),
  ];
  const others = names.filter((name) => name !== linkingActionName);
  if (others.length === 0) {
    rows.push(pass("other post-login Actions", "none"));
  } else if (context.settings.config.prompt.enabled) {
    rows.push(
      warn(
        "other post-login Actions",
        `in order: ${names.join(" → ")}`,
        "each runs at the prompted sign-in too: it must do nothing when event.client.client_id is PROMPT_CLIENT_ID (no redirect, no MFA policy of its own, no deny)",
      ),
    );
  } else {
    rows.push(pass("other post-login Actions", `in order: ${names.join(" → ")}`));
  }
  return rows;
}
