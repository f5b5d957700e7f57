import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  specification,
  specificationPath,
  withWrittenOperations,
  writtenFromSdkPath,
} from "../../../src/local-tenant/management-api/openapi/specification";

const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));

it("serves-the-published-operations-and-the-ones-written-from-the-sdk-as-one-document", () => {
  const published = read(specificationPath);
  const written = read(writtenFromSdkPath);
  const paths = Object.keys(specification().paths);

  expect(paths).toEqual(expect.arrayContaining(Object.keys(published.paths)));
  expect(paths).toEqual(expect.arrayContaining(["/users/{id}/roles", "/users/{id}/permissions"]));
  expect(paths).toHaveLength(
    Object.keys(published.paths).length + Object.keys(written.paths).length,
  );
  // The published text is not touched by the join.
  expect(read(specificationPath)).toEqual(published);
});

it("refuses-a-written-operation-or-schema-that-restates-a-published-one", () => {
  const published = read(specificationPath);
  const restatingPath = {
    paths: { "/users/{id}/organizations": {} },
    components: { schemas: {} },
  };
  const restatingSchema = {
    paths: {},
    components: { schemas: { [Object.keys(published.components.schemas)[0] as string]: {} } },
  };

  expect(() => withWrittenOperations(published, restatingPath)).toThrow(
    /restate the published path \/users\/\{id\}\/organizations/,
  );
  expect(() => withWrittenOperations(published, restatingSchema)).toThrow(/published schema/);
});
