import type { ConformanceCase } from "../support/case";

// The demo seed's built-in database connection.
const database = () => ({ id: "con_Db7hQ2mXk9LpR4tA" });

export const connectionCases: ConformanceCase[] = [
  {
    operationId: "get_connections_by_id",
    name: "reads a connection's name, strategy and options",
    params: database,
    query: { fields: "name,strategy,options", include_fields: "true" },
    expectStatus: 200,
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
