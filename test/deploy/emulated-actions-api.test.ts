import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deployedActionsOf, notBuiltMessage } from "../../src/local-tenant/deployed-actions";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";

let tenant: LocalTenant;
let deployToken: string;
let readUsersToken: string;

async function tokenFor(clientName: string): Promise<string> {
  const client = tenant.state.clients.find(({ name }) => name === clientName);
  const response = await fetch(`${tenant.api.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: client?.client_id,
      client_secret: client?.client_secret,
      audience: `${tenant.api.origin}/api/v2/`,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = deployToken,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${tenant.api.origin}/api/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const postLogin = [{ id: "post-login", version: "v3" }];

async function deployedAction(name: string): Promise<string> {
  const created = await call("POST", "/actions/actions", {
    name,
    code: "exports.onExecutePostLogin = async () => {};",
    supported_triggers: postLogin,
    secrets: [{ name: "API_KEY", value: "s3cr3t-value" }],
  });
  const id = String(created.body.id);
  await call("POST", `/actions/actions/${id}/deploy`);
  return id;
}

function bindByName(...names: string[]) {
  return {
    bindings: names.map((value) => ({ ref: { type: "action_name", value }, display_name: value })),
  };
}

beforeAll(async () => {
  tenant = await startLocalTenant();
  deployToken = await tokenFor("deploy-cli");
  readUsersToken = await tokenFor("linking-action");
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(() => {
  deployedActionsOf(tenant.state).buildDurationMs = 0;
});

describe("the emulated Actions API", () => {
  it("patch-bindings-replaces-the-whole-list-in-the-given-order", async () => {
    await deployedAction("first");
    await deployedAction("second");
    await deployedAction("third");
    await call("PATCH", "/actions/triggers/post-login/bindings", bindByName("first", "second"));

    const replaced = await call(
      "PATCH",
      "/actions/triggers/post-login/bindings",
      bindByName("third", "first"),
    );
    const listed = await call("GET", "/actions/triggers/post-login/bindings");

    expect(replaced.status).toBe(200);
    const names = (body: Record<string, unknown>) =>
      (body.bindings as { action: { name: string } }[]).map(({ action }) => action.name);
    expect(names(replaced.body)).toEqual(["third", "first"]);
    expect(names(listed.body)).toEqual(["third", "first"]);
    expect(listed.body).toMatchObject({ total: 2, page: 0 });
  });

  it("refuses-to-bind-an-action-that-was-never-deployed", async () => {
    await call("POST", "/actions/actions", { name: "draft-only", supported_triggers: postLogin });
    const response = await call(
      "PATCH",
      "/actions/triggers/post-login/bindings",
      bindByName("draft-only"),
    );
    expect(response).toMatchObject({ status: 400, body: { errorCode: "action_not_deployed" } });
  });

  it("answers-a-deploy-before-the-build-finished-with-the-message-the-deploy-cli-retries-on", async () => {
    deployedActionsOf(tenant.state).buildDurationMs = 60_000;
    const created = await call("POST", "/actions/actions", {
      name: "slow-build",
      supported_triggers: postLogin,
    });
    expect(created.body.status).toBe("pending");
    const deploy = await call("POST", `/actions/actions/${String(created.body.id)}/deploy`);
    expect(deploy).toMatchObject({ status: 400, body: { message: notBuiltMessage } });
    expect(notBuiltMessage).toContain("must be in the 'built' state");
  });

  it("returns-secret-names-but-never-their-values", async () => {
    const id = await deployedAction("with-secret");
    const action = await call("GET", `/actions/actions/${id}`);
    expect(action.body.secrets).toEqual([{ name: "API_KEY", updated_at: expect.any(String) }]);
    expect(JSON.stringify(action.body)).not.toContain("s3cr3t-value");
  });

  it("pages-the-action-list-with-total-as-the-deploy-cli-expects", async () => {
    const response = await call("GET", "/actions/actions?page=0&per_page=1");
    expect(response.status).toBe(200);
    expect(response.body.actions).toHaveLength(1);
    expect(response.body.total).toBe(deployedActionsOf(tenant.state).list().length);
    expect(response.body).toMatchObject({ page: 0, per_page: 1 });
  });

  it("updates-the-draft-without-touching-the-deployed-version-until-the-next-deploy", async () => {
    const id = await deployedAction("versioned");
    await call("PATCH", `/actions/actions/${id}`, { code: "exports.onExecutePostLogin = 2;" });
    const action = await call("GET", `/actions/actions/${id}`);
    expect(action.body).toMatchObject({
      code: "exports.onExecutePostLogin = 2;",
      all_changes_deployed: false,
      deployed_version: { number: 1, code: "exports.onExecutePostLogin = async () => {};" },
    });
    const redeployed = await call("POST", `/actions/actions/${id}/deploy`);
    expect(redeployed.body).toMatchObject({ number: 2, code: "exports.onExecutePostLogin = 2;" });
  });

  it("rejects-a-second-action-with-the-same-name", async () => {
    await deployedAction("unique-name");
    const again = await call("POST", "/actions/actions", {
      name: "unique-name",
      supported_triggers: postLogin,
    });
    expect(again).toMatchObject({ status: 409, body: { errorCode: "action_name_taken" } });
  });

  it("requires-the-actions-scopes", async () => {
    const response = await call("GET", "/actions/actions", undefined, readUsersToken);
    expect(response).toMatchObject({ status: 403, body: { errorCode: "insufficient_scope" } });
  });

  // "Paging is disabled if parameter not sent" (the specification's per_page of this operation).
  it("lists-no-action-modules-in-pages-only-when-asked", async () => {
    const unpaged = await call("GET", "/actions/modules");
    expect(unpaged).toMatchObject({ status: 200, body: { modules: [], total: 0 } });
    expect(unpaged.body).not.toHaveProperty("per_page");
    const paged = await call("GET", "/actions/modules?per_page=5");
    expect(paged).toMatchObject({ status: 200, body: { modules: [], page: 0, per_page: 5 } });
  });

  it("answers-a-deploy-with-202-accepted-as-the-specification-says", async () => {
    const created = await call("POST", "/actions/actions", {
      name: "accepted-deploy",
      supported_triggers: postLogin,
    });
    const deploy = await call("POST", `/actions/actions/${String(created.body.id)}/deploy`);
    expect(deploy).toMatchObject({ status: 202, body: { number: 1, deployed: true } });
  });

  it.each([
    [{ name: "x", supported_triggers: [] }, "Array is too short (0), minimum 1"],
    [{ name: "x", supported_triggers: [{ id: "post-lunch" }] }, 'No enum match for: "post-lunch"'],
    [{ name: "x", supported_triggers: postLogin, colour: "red" }, "not allowed: colour"],
    [{ supported_triggers: postLogin }, "Missing required property: name"],
  ])("refuses-the-create-body-%j-and-creates-nothing", async (body, reason) => {
    const before = deployedActionsOf(tenant.state).list().length;
    const response = await call("POST", "/actions/actions", body);
    expect(response).toMatchObject({ status: 400, body: { errorCode: "invalid_body" } });
    expect(String(response.body.message)).toContain(reason);
    expect(deployedActionsOf(tenant.state).list()).toHaveLength(before);
  });

  it("deploys-on-create-when-asked-with-deploy-true", async () => {
    const created = await call("POST", "/actions/actions", {
      name: "deploy-on-create",
      supported_triggers: postLogin,
      deploy: true,
    });
    expect(created.status).toBe(201);
    const action = await call("GET", `/actions/actions/${String(created.body.id)}`);
    expect(action.body).toMatchObject({
      all_changes_deployed: true,
      deployed_version: { number: 1 },
    });
  });

  it("deploys-on-create-once-the-build-finishes", async () => {
    const deployed = deployedActionsOf(tenant.state);
    deployed.buildDurationMs = 60_000;
    const created = await call("POST", "/actions/actions", {
      name: "deploy-when-built",
      supported_triggers: postLogin,
      deploy: true,
    });
    const id = String(created.body.id);
    expect((await call("GET", `/actions/actions/${id}`)).body.deployed_version).toBeUndefined();
    deployed.buildDurationMs = 0;
    await call("PATCH", `/actions/actions/${id}`, {});
    expect((await call("GET", `/actions/actions/${id}`)).body).toMatchObject({
      deployed_version: { number: 1 },
    });
  });

  it("filters-the-list-by-deployed", async () => {
    await deployedAction("filter-deployed");
    await call("POST", "/actions/actions", { name: "filter-draft", supported_triggers: postLogin });
    const names = async (query: string) =>
      (
        (await call("GET", `/actions/actions?per_page=100&${query}`)).body.actions as {
          name: string;
        }[]
      ).map(({ name }) => name);
    expect(await names("deployed=true")).toContain("filter-deployed");
    expect(await names("deployed=true")).not.toContain("filter-draft");
    expect(await names("deployed=false")).toContain("filter-draft");
    expect(await names("deployed=false")).not.toContain("filter-deployed");
  });

  it("keeps-a-binding-named-by-binding_id", async () => {
    await deployedAction("kept-by-binding-id");
    await deployedAction("added-beside-it");
    const first = await call(
      "PATCH",
      "/actions/triggers/post-login/bindings",
      bindByName("kept-by-binding-id"),
    );
    const kept = (first.body.bindings as { id: string }[])[0];
    const replaced = await call("PATCH", "/actions/triggers/post-login/bindings", {
      bindings: [
        { ref: { type: "binding_id", value: kept?.id } },
        { ref: { type: "action_name", value: "added-beside-it" } },
      ],
    });
    expect(replaced.status).toBe(200);
    const bindings = replaced.body.bindings as { id: string; action: { name: string } }[];
    expect(bindings.map(({ action }) => action.name)).toEqual([
      "kept-by-binding-id",
      "added-beside-it",
    ]);
    expect(bindings[0]?.id).toBe(kept?.id);
  });

  it("knows-every-trigger-the-specification-names", async () => {
    const listed = await call("GET", "/actions/triggers");
    const ids = (listed.body.triggers as { id: string }[]).map(({ id }) => id);
    expect(ids).toEqual(
      expect.arrayContaining(["post-login", "custom-token-exchange", "event-stream"]),
    );
    expect(ids.length).toBe(14);
    const bindings = await call("GET", "/actions/triggers/signup-post-identifier/bindings");
    expect(bindings).toMatchObject({ status: 200, body: { bindings: [] } });
    const unknown = await call("GET", "/actions/triggers/post-lunch/bindings");
    expect(unknown).toMatchObject({ status: 400, body: { errorCode: "invalid_uri" } });
  });
});
