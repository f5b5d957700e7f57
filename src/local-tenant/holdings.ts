import { copyOrUndefined, type Organization, type Permission, type Role } from "./tenant-records";

/** What a user id holds besides its profile: organization memberships, roles and permissions. */
export class Holdings {
  readonly #organizations: Organization[];
  readonly #roles: Role[];
  readonly #permissions: Permission[];

  constructor(seed: {
    organizations?: Organization[];
    roles?: Role[];
    permissions?: Permission[];
  }) {
    this.#organizations = structuredClone(seed.organizations ?? []);
    this.#roles = structuredClone(seed.roles ?? []);
    this.#permissions = structuredClone(seed.permissions ?? []);
  }

  /** By id or by name, as a login's `organization` parameter accepts either. */
  getOrganization(idOrName: string): Organization | undefined {
    return copyOrUndefined(
      this.#organizations.find(
        (organization) => organization.id === idOrName || organization.name === idOrName,
      ),
    );
  }

  organizationsOf(userId: string): Organization[] {
    return structuredClone(
      this.#organizations.filter((organization) => organization.members.includes(userId)),
    );
  }

  rolesOf(userId: string): Role[] {
    return structuredClone(this.#roles.filter((role) => role.users.includes(userId)));
  }

  permissionsOf(userId: string): Permission[] {
    return structuredClone(
      this.#permissions.filter((permission) => permission.users.includes(userId)),
    );
  }

  /** Drops every membership, role and permission of a user id that no longer exists. */
  forget(userId: string): void {
    for (const organization of this.#organizations) {
      organization.members = organization.members.filter((member) => member !== userId);
    }
    for (const assigned of [...this.#roles, ...this.#permissions]) {
      assigned.users = assigned.users.filter((user) => user !== userId);
    }
  }
}
