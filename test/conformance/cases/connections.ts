import type { ConformanceCase } from "../support/case";

// The demo seed's built-in database connection.
const database = () => ({ id: "con_Db7hQ2mXk9LpR4tA" });

function hasOptions(expected: boolean) {
  return (body: unknown): string[] => {
    const has = typeof body === "object" && body !== null && "options" in body;
    return has === expected ? [] : [`options ${has ? "present" : "missing"}`];
  };
}

export const connectionCases: ConformanceCase[] = [
  {
    operationId: "get_connections_by_id",
    name: "reads a connection's name, strategy and options (with read:connections_options)",
    params: database,
    query: { fields: "name,strategy,options", include_fields: "true" },
    expectStatus: 200,
    bodyProblems: hasOptions(true),
  },
  {
    // The specification's ConnectionOptions: options are returned only when
    // read:connections_options is present.
    operationId: "get_connections_by_id",
    name: "leaves the options out for a token with read:connections alone, even when asked",
    params: database,
    query: { fields: "name,strategy,options", include_fields: "true" },
    caller: "connections-reader",
    expectStatus: 200,
    bodyProblems: hasOptions(false),
  },
  {
    operationId: "get_connections_by_id",
    name: "a field the connection does not have",
    params: database,
    query: { fields: "password" },
    expectStatus: 400,
  },
  {
    operationId: "get_connections_by_id",
    name: "a connection that does not exist",
    params: () => ({ id: "con_0000000000000000" }),
    expectStatus: 404,
  },
];
