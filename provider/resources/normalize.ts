/**
 * The one place that turns what users write into the canonical form the provider stores, and
 * what DynECT returns into the same form — so an unchanged program previews with no changes after
 * `up` and after `refresh` (DESIGN invariant 6). Every function here is pure.
 */
import { RDATA_FIELDS, mailboxForm, type FieldSpec, type RecordType } from "../sdk/schemas/rdata";
import { presentationOrder } from "../sdk/zone-file";

/** A label, `*` (first label only) or `_service`-style label; DNS caps labels at 63 octets. */
const LABEL = /^(\*|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** Lower-case, no trailing dot, every label valid; `undefined` when it is not a domain name. */
export function normalizeDomain(raw: string): string | undefined {
  let name = raw.trim().toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253) return undefined;
  const labels = name.split(".");
  if (!labels.every((l, i) => LABEL.test(l) && (l !== "*" || i === 0))) return undefined;
  return name;
}

/** A zone name: at least two labels, no wildcard. */
export function normalizeZoneName(raw: string): string | undefined {
  const zone = normalizeDomain(raw);
  return zone && zone.includes(".") && !zone.includes("*") ? zone : undefined;
}

export const APEX = "@";

/**
 * Resolves a record's `name` inside `zone` (both already lower-case):
 * `""`/`"@"` → the apex; `"www"` → `www.<zone>`; `"www.<zone>"` or `"www.<zone>."` → itself.
 * A name with a trailing dot is always absolute and must lie inside the zone. Returns the relative
 * label (`"@"` for the apex) and the fqdn, or an error text.
 */
export function resolveRecordName(raw: string, zone: string): { label: string; fqdn: string } | { error: string } {
  const name = raw.trim().toLowerCase();
  let fqdn: string;
  if (name === "" || name === APEX || name === ".") fqdn = zone;
  else if (name.endsWith(".")) fqdn = name.slice(0, -1);
  else if (name === zone || name.endsWith(`.${zone}`)) fqdn = name;
  else fqdn = `${name}.${zone}`;
  if (fqdn !== zone && !fqdn.endsWith(`.${zone}`)) {
    return { error: `"${raw}" is outside the zone ${zone} — use a label such as "www", "@" for the apex, or an absolute name ending in ".${zone}."` };
  }
  if (normalizeDomain(fqdn) !== fqdn) {
    return { error: `"${raw}" is not a valid DNS name — labels are letters, digits, "-" or "_" (a leading "*." is allowed), at most 63 characters each` };
  }
  return { label: fqdn === zone ? APEX : fqdn.slice(0, fqdn.length - zone.length - 1), fqdn };
}

/** An SOA contact: accepts `hostmaster@example.com` or the DNS mailbox form `hostmaster.example.com.`. */
export function normalizeContact(raw: string): string | undefined {
  let value = raw.trim().toLowerCase();
  if (value.endsWith(".")) value = value.slice(0, -1);
  if (!value.includes("@")) {
    const dot = value.indexOf(".");
    if (dot <= 0) return undefined;
    value = `${value.slice(0, dot)}@${value.slice(dot + 1)}`;
  }
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  const domain = normalizeDomain(value.slice(at + 1));
  if (!local || /[\s@"]/.test(local) || !domain || !domain.includes(".")) return undefined;
  return `${local}@${domain}`;
}

/**
 * The contact to report for a live SOA `rname`: the declared contact when it denotes the same
 * mailbox (the mailbox form loses where the `@` was, e.g. `first.last@…`), else the live value.
 */
export function liveContact(rname: string, declared: unknown): string {
  if (typeof declared === "string" && mailboxForm(declared) === mailboxForm(rname)) return declared;
  return normalizeContact(rname) ?? rname;
}

/** Only the fields of `type` (DynECT adds none today, but responses may carry extras). */
export function pickRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) if (rdata[name] !== undefined) out[name] = rdata[name];
  return out;
}

/**
 * A readable, unique key of canonical rdata: its fields in zone-file order (§6.3's order where a
 * type has no master-file form here), joined by spaces (`10 mail.example.com.`); a text field
 * holding spaces or quotes, or empty, is quoted. Multi-value sets (RecordSet, ZoneRecords) are
 * stored keyed by it, so Pulumi's diff of a changed member reads `- "192.0.2.11"` / `+ "192.0.2.13"`
 * instead of positional renames of every later member.
 */
export function valueKey(type: RecordType, rdata: Record<string, unknown>): string {
  return (presentationOrder(type) ?? Object.keys(RDATA_FIELDS[type]))
    .map((name) => {
      const v = rdata[name];
      if (typeof v !== "string") return String(v);
      return v === "" || /[\s"\\]/.test(v) ? JSON.stringify(v) : v;
    })
    .join(" ");
}

/** The same object with its keys sorted (the canonical order of a keyed set). */
export function sortedByKey<T>(values: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(values).sort()) out[k] = values[k];
  return out;
}

/** Canonical rdata of one set keyed by `valueKey`, keys sorted (later duplicates collapse into one). */
export function keyedRdata(type: RecordType, records: Record<string, unknown>[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of records) out[valueKey(type, r)] = r;
  return sortedByKey(out);
}

/** An exact key of one canonical rdata object (its JSON), for sets compared as sets. */
export function rdataKey(rdata: Record<string, unknown>): string {
  return JSON.stringify(rdata);
}

/** Deep equality of JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
