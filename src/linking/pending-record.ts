import type { AccountSnapshot } from "./account";
import type { CarriedKeys, CopyLocation, LinkRecord, Metadata } from "./link-records";
import { digestValue } from "./value-digest";

type Planned = Omit<LinkRecord, "at">;
type Section = keyof CarriedKeys;
const sections: readonly Section[] = ["user_metadata", "app_metadata"];

function sectionOf(account: AccountSnapshot, section: Section): Metadata {
  return section === "user_metadata" ? account.userMetadata : account.appMetadata;
}

function holds(metadata: Metadata, key: string, digest: string): boolean {
  return Object.hasOwn(metadata, key) && digestValue(metadata[key]) === digest;
}

/**
 * The previous record's carried keys that both accounts still hold with the carried value: what
 * an earlier attempt carried before it was stopped short of the link, unchanged since.
 */
function stillCarried(
  primary: AccountSnapshot,
  secondary: AccountSnapshot,
  previous: LinkRecord,
): CarriedKeys {
  const keep = (section: Section) =>
    Object.fromEntries(
      Object.entries(previous.carried[section]).filter(
        ([key, digest]) =>
          holds(sectionOf(primary, section), key, digest) &&
          holds(sectionOf(secondary, section), key, digest),
      ),
    );
  return { user_metadata: keep("user_metadata"), app_metadata: keep("app_metadata") };
}

// The secondary is untouched until the link, so the fresh copy is whole; only what the first
// attempt's carry replaced on the primary is known from the earlier record alone.
function mergedCopy(fresh: CopyLocation, previous: CopyLocation): CopyLocation {
  if (fresh.in !== "app_metadata") return fresh;
  const overwritten =
    previous.in === "app_metadata" ? previous.primary_overwritten : fresh.primary_overwritten;
  const { primary_overwritten: _fresh, ...copy } = fresh;
  return { ...copy, ...(overwritten ? { primary_overwritten: overwritten } : {}) };
}

/**
 * A link attempt stopped between the carry and the link (a killed backfill, a login that failed
 * there) leaves its record on the primary with the secondary's keys already carried. Planned
 * again, those keys look like the primary's own: the fresh record would say nothing was carried
 * and the undo would leave them on the primary. The earlier record is the one written from the
 * untouched accounts, so its carried keys (still on the primary, same value) stay carried, and
 * the undo ends as if the first attempt had finished.
 */
export function resumePendingRecord(
  primary: AccountSnapshot,
  secondary: AccountSnapshot,
  fresh: Planned,
  stored: readonly LinkRecord[],
): Planned {
  const previous = stored.find(
    (record) =>
      record.secondary === fresh.secondary &&
      record.provider === fresh.provider &&
      record.provider_user_id === fresh.provider_user_id &&
      record.unlinked_at === undefined &&
      record.copy.in !== "restored",
  );
  if (previous === undefined) return fresh;
  const pending = stillCarried(primary, secondary, previous);
  if (sections.every((section) => Object.keys(pending[section]).length === 0)) return fresh;
  const carried: CarriedKeys = {
    user_metadata: { ...fresh.carried.user_metadata, ...pending.user_metadata },
    app_metadata: { ...fresh.carried.app_metadata, ...pending.app_metadata },
  };
  return { ...fresh, carried, copy: mergedCopy(fresh.copy, previous.copy) };
}
