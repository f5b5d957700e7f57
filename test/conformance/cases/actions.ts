import { deployedActionsOf } from "../../../src/local-tenant/deployed-actions";
import type { CaseContext, ConformanceCase } from "../support/case";
import { actionNamed } from "../support/tenant-fixtures";

const postLogin = [{ id: "post-login", version: "v3" }];

function action(name: string, options: { deployed: boolean }) {
  return (context: CaseContext) => actionNamed(context, name, options);
}

export const actionCases: ConformanceCase[] = [
  { operationId: "get_actions", name: "lists the Actions", expectStatus: 200 },
  {
    operationId: "get_actions",
    name: "filters deployed ones by trigger and name",
    before: (context) => void action("conformance-deployed", { deployed: true })(context),
    query: { triggerId: "post-login", actionName: "conformance-deployed", deployed: "true" },
    expectStatus: 200,
  },
  {
    operationId: "get_actions",
    name: "a trigger outside the enum",
    query: { triggerId: "post-lunch" },
    expectStatus: 400,
  },
  {
    operationId: "get_actions",
    name: "deployed that is not a boolean",
    query: { deployed: "yes" },
    expectStatus: 400,
  },
  {
    operationId: "post_action",
    name: "creates a draft",
    body: { name: "conformance-created", supported_triggers: postLogin, code: "module.exports={}" },
    expectStatus: 201,
  },
  {
    operationId: "post_action",
    name: "creates and deploys",
    body: { name: "conformance-deploy-on-create", supported_triggers: postLogin, deploy: true },
    expectStatus: 201,
  },
  {
    operationId: "post_action",
    name: "no triggers",
    body: { name: "conformance-no-triggers", supported_triggers: [] },
    expectStatus: 400,
  },
  {
    operationId: "post_action",
    name: "an unknown property",
    body: { name: "conformance-unknown", supported_triggers: postLogin, colour: "red" },
    expectStatus: 400,
  },
  {
    operationId: "post_action",
    name: "an unknown trigger",
    body: { name: "conformance-unknown-trigger", supported_triggers: [{ id: "post-lunch" }] },
    expectStatus: 400,
  },
  {
    operationId: "get_action",
    name: "an existing Action",
    params: action("conformance-read", { deployed: true }),
    expectStatus: 200,
  },
  {
    operationId: "get_action",
    name: "an unknown Action",
    params: () => ({ id: "00000000-0000-0000-0000-000000000000" }),
    expectStatus: 404,
  },
  {
    operationId: "patch_action",
    name: "updates the code",
    params: action("conformance-read", { deployed: true }),
    body: { code: "exports.onExecutePostLogin = async () => { /* v2 */ };" },
    expectStatus: 200,
  },
  {
    operationId: "patch_action",
    name: "code that is not a string",
    params: action("conformance-read", { deployed: true }),
    body: { code: 42 },
    expectStatus: 400,
  },
  {
    operationId: "patch_action",
    name: "an unknown Action",
    params: () => ({ id: "00000000-0000-0000-0000-000000000000" }),
    body: { code: "" },
    expectStatus: 404,
  },
  {
    operationId: "post_deploy_action",
    name: "deploys the built draft",
    params: action("conformance-read", { deployed: true }),
    expectStatus: 202,
  },
  {
    operationId: "post_deploy_action",
    name: "a draft still building",
    params: (context) => {
      const deployed = deployedActionsOf(context.server.state);
      deployed.buildDurationMs = 60_000;
      const made = action("conformance-slow-build", { deployed: false })(context);
      deployed.buildDurationMs = 0;
      return made;
    },
    expectStatus: 400,
  },
  { operationId: "get_action_modules", name: "lists no modules", expectStatus: 200 },
  {
    operationId: "get_action_modules",
    name: "page that is not an integer",
    query: { page: "first" },
    expectStatus: 400,
  },
];
