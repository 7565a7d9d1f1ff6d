/**
 * How the emulator stores and returns rdata — DynECT's form, as the spec records it, NOT the
 * provider's canonical form (provider/sdk/schemas/rdata.ts `canonicalRdata`, which is what the
 * resources compare with): integers as numbers (§6.2 `"ttl": 3600`), host names lower-case and
 * absolute with a trailing dot (§6.2 `"cname": "foobar.go-dynect.test."`), RP mbox / SOA rname in
 * DNS mailbox form with `@` turned into `.` (§6.3, §6.4 `rname` with trailing dot). IPv6 is only
 * lower-cased (not rewritten to RFC 5952), LOC coordinates only trimmed, TXT kept as sent. Keys
 * come in the §6.3 table's order. Where the two forms agree today, it is because DynECT's answer
 * is the provider's target — not because they share code (issue 11: tests must not be tautological).
 */
import { fieldsOf, type RecordType } from "./rdata-table";
import { asInteger } from "./validate";

/** `Foo.Example.com` → `foo.example.com.`; a blank value stays "" (reported as missing), "." stays the root. */
export function absoluteName(raw: string): string {
  const name = raw.trim().toLowerCase();
  return name === "" || name.endsWith(".") ? name : `${name}.`;
}

/** `admin@example.com` → `admin.example.com.` (DNS mailbox form, §6.3). */
export function mailboxName(raw: string): string {
  return absoluteName(raw.trim().replace("@", "."));
}

function storedValue(kind: string, value: unknown): unknown {
  if (kind === "int") return asInteger(value);
  if (typeof value !== "string") return value;
  switch (kind) {
    case "hostname":
      return absoluteName(value);
    case "mailbox":
      return mailboxName(value);
    case "ipv6":
      return value.toLowerCase();
    case "coordinate":
      return value.trim();
    default:
      return value;
  }
}

/** Validated rdata of `type` as the emulator stores it; keys outside the table are dropped. */
export function normalizeRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(fieldsOf(type))) {
    if (rdata[field] !== undefined) out[field] = storedValue(spec.kind, rdata[field]);
  }
  return out;
}

/** Two normalised rdata objects describe the same record data. */
export function sameRdata(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
