import { deployedActionsOf } from "../../../src/local-tenant/deployed-actions";
import type { CaseContext, ConformanceCase } from "../support/case";
import { actionNamed } from "../support/tenant-fixtures";

const postLogin = () => ({ triggerId: "post-login" });

function deployedActionNamed(name: string) {
  return (context: CaseContext) => void actionNamed(context, name, { deployed: true });
}

export const triggerCases: ConformanceCase[] = [
  { operationId: "get_triggers", name: "lists every trigger", expectStatus: 200 },
  {
    operationId: "get_bindings",
    name: "lists the post-login bindings",
    params: postLogin,
    expectStatus: 200,
  },
  {
    operationId: "get_bindings",
    name: "a trigger outside the enum",
    params: () => ({ triggerId: "post-lunch" }),
    expectStatus: 400,
  },
  {
    operationId: "patch_bindings",
    name: "binds a deployed Action by name",
    params: postLogin,
    before: deployedActionNamed("conformance-bound"),
    body: { bindings: [{ ref: { type: "action_name", value: "conformance-bound" } }] },
    expectStatus: 200,
  },
  {
    operationId: "patch_bindings",
    name: "keeps a binding by binding_id",
    params: postLogin,
    before: deployedActionNamed("conformance-bound"),
    bodyFrom: (context) => {
      const current = deployedActionsOf(context.server.state).bindings("post-login");
      const bindingId = current.ok ? current.value[0]?.id : undefined;
      return { bindings: [{ ref: { type: "binding_id", value: bindingId } }] };
    },
    expectStatus: 200,
  },
  {
    operationId: "patch_bindings",
    name: "a ref type outside the enum",
    params: postLogin,
    body: { bindings: [{ ref: { type: "action_nickname", value: "x" } }] },
    expectStatus: 400,
  },
  {
    operationId: "patch_bindings",
    name: "an Action that does not exist",
    params: postLogin,
    body: { bindings: [{ ref: { type: "action_name", value: "conformance-missing" } }] },
    expectStatus: 400,
  },
];
