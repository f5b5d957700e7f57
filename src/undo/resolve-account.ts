import { type AdminClient, describeFailure } from "../admin";
import type { Terminal } from "../cli/terminal";
import { isPlainRecord } from "../linking/account";

export type ResolvedAccount =
  | { ok: true; userId: string }
  /** `exitCode` 2: the administrator must name one account; 1: the tenant could not say. */
  | { ok: false; exitCode: 1 | 2; lines: string[] };

interface Account {
  userId: string;
  connections: string[];
}

/** A user id always holds `provider|`; an address never does. */
export function isEmailAddress(given: string): boolean {
  return !given.includes("|") && /^[^@\s]+@[^@\s]+$/.test(given);
}

function toAccount(raw: unknown): Account | undefined {
  if (!isPlainRecord(raw) || typeof raw.user_id !== "string") return undefined;
  const identities = Array.isArray(raw.identities) ? raw.identities : [];
  const connections = identities
    .map((identity) => (isPlainRecord(identity) ? identity.connection : undefined))
    .filter((connection): connection is string => typeof connection === "string");
  return { userId: raw.user_id, connections };
}

/** One line per account: its user id and connections, never another address. */
function listed(accounts: readonly Account[]): string[] {
  return accounts.map(
    (account, index) => `  ${index + 1}. ${account.userId}  (${account.connections.join(", ")})`,
  );
}

/**
 * The user id an administrator named: as given, or the account holding an email address.
 * users-by-email is case-sensitive, so the address is asked as given and lower-cased (as the
 * Action and the backfill ask each stored form); several accounts are listed, and one is chosen
 * on a terminal or, without one, named again by its user id.
 */
export async function resolveAccount(
  client: AdminClient,
  given: string,
  terminal: Terminal,
): Promise<ResolvedAccount> {
  if (!isEmailAddress(given)) return { ok: true, userId: given };
  const byId = new Map<string, Account>();
  for (const form of new Set([given, given.toLowerCase()])) {
    const answer = await client.usersByEmail(form);
    if (answer.kind !== "ok") {
      return {
        ok: false,
        exitCode: 1,
        lines: [`[user_unreadable] users-by-email (read:users): ${describeFailure(answer)}`],
      };
    }
    for (const raw of Array.isArray(answer.value) ? answer.value : []) {
      const account = toAccount(raw);
      if (account) byId.set(account.userId, account);
    }
  }
  const accounts = [...byId.values()].sort((a, b) => a.userId.localeCompare(b.userId));
  if (accounts.length === 0) {
    return { ok: false, exitCode: 1, lines: ["[user_not_found] no account has that address"] };
  }
  if (accounts.length === 1) return { ok: true, userId: (accounts[0] as Account).userId };
  if (!terminal.interactive) {
    return {
      ok: false,
      exitCode: 2,
      lines: [
        `[account_ambiguous] ${accounts.length} accounts have that address: name one by its user id`,
        ...listed(accounts),
      ],
    };
  }
  const answer = await terminal.ask(
    [`${accounts.length} accounts have that address:`, ...listed(accounts), "Which one? "].join(
      "\n",
    ),
  );
  const chosen = accounts[Number(answer.trim()) - 1];
  if (!/^[0-9]+$/.test(answer.trim()) || chosen === undefined) {
    return { ok: false, exitCode: 2, lines: ["[account_ambiguous] no account was chosen"] };
  }
  return { ok: true, userId: chosen.userId };
}
