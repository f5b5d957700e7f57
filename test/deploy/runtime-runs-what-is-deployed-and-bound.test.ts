import { expect, it } from "vitest";
import { deployedActionsOf } from "../../src/local-tenant/deployed-actions";
import { createDeployedActionInstance } from "../../src/local-tenant/runtime/deployed-action-instance";
import { TenantState } from "../../src/local-tenant/tenant-state";

const postLogin = [{ id: "post-login", version: "v3" }];
const denyWith = (reason: string) =>
  `exports.onExecutePostLogin = async (event, api) => api.access.deny(event.secrets.PREFIX + "${reason}");`;
const event = {} as Parameters<ReturnType<typeof createDeployedActionInstance>["execute"]>[0];

function tenantWithDraft(code: string) {
  const state = TenantState.fromSeed({ connections: [], clients: [], users: [] });
  const deployed = deployedActionsOf(state);
  const created = deployed.create({
    name: "gate",
    code,
    supported_triggers: postLogin,
    secrets: [{ name: "PREFIX", value: "deployed:" }],
  });
  if (!created.ok) throw new Error(created.error.message);
  return { state, deployed, id: created.value.id };
}

it("runs-no-action-while-nothing-is-bound-to-post-login", async () => {
  const { state, deployed, id } = tenantWithDraft(denyWith("v1"));
  deployed.deploy(id);
  const result = await createDeployedActionInstance({ state }).execute(event);
  expect(result.denied).toBeUndefined();
});

it("runs-the-bound-deployed-version-with-its-secrets-and-switches-on-redeploy", async () => {
  const { state, deployed, id } = tenantWithDraft(denyWith("v1"));
  deployed.deploy(id);
  deployed.replaceBindings("post-login", [{ ref: { type: "action_id", value: id } }]);
  const instance = createDeployedActionInstance({ state });
  expect((await instance.execute(event)).denied).toBe("deployed:v1");

  deployed.update(id, { code: denyWith("v2") });
  expect((await instance.execute(event)).denied).toBe("deployed:v1");

  deployed.deploy(id);
  expect((await instance.execute(event)).denied).toBe("deployed:v2");
});
