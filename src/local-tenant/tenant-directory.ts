import { type Client, type Connection, copyOrUndefined } from "./tenant-records";

/** The tenant's fixed directory: its connections, clients and custom domains. */
export class TenantDirectory {
  readonly #connections: Connection[];
  readonly #clients: Client[];
  readonly #customDomains: string[];

  constructor(seed: { connections: Connection[]; clients: Client[]; custom_domains?: string[] }) {
    this.#connections = structuredClone(seed.connections);
    this.#clients = structuredClone(seed.clients);
    this.#customDomains = [...(seed.custom_domains ?? [])];
  }

  get customDomains(): string[] {
    return [...this.#customDomains];
  }

  get connections(): Connection[] {
    return structuredClone(this.#connections);
  }

  get clients(): Client[] {
    return structuredClone(this.#clients);
  }

  getConnectionByName(name: string): Connection | undefined {
    return copyOrUndefined(this.#connectionNamed(name));
  }

  getConnectionById(id: string): Connection | undefined {
    return copyOrUndefined(this.#connections.find((connection) => connection.id === id));
  }

  getClient(clientId: string): Client | undefined {
    return copyOrUndefined(this.#clients.find((client) => client.client_id === clientId));
  }

  /** The stored connection itself, uncopied: callers must not change it. */
  connectionNamed(name: string | undefined): Readonly<Connection> | undefined {
    return this.#connectionNamed(name);
  }

  #connectionNamed(name: string | undefined): Connection | undefined {
    return this.#connections.find((connection) => connection.name === name);
  }
}
