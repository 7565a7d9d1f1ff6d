/**
 * How the emulator stores and returns rdata: integers as numbers, host names lower-case and
 * absolute with a trailing dot (§6.2: `"cname": "foobar.go-dynect.test."`), RP mbox / SOA rname
 * e-mail addresses with `@` turned into `.` (§6.3). Keys in the §6.3 order.
 */
import { coerceRdata, mailboxForm, normalizeHostname, RDATA_FIELDS, type FieldSpec, type RecordType } from "../sdk/schemas/rdata";

/**
 * Host names and mailboxes are stored in the package's canonical form (rdata.ts). The rest is not:
 * the emulator keeps IPv6, LOC coordinates and TXT as sent (only lower-cased / trimmed) and returns
 * them that way, so it does not use `canonicalRdata` as a whole.
 */
export const absoluteName = normalizeHostname;

/** `admin@example.com` → `admin.example.com.` (DNS mailbox form). */
export const mailboxName = mailboxForm;

export function normalizeRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const coerced = coerceRdata(type, rdata);
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    let value = coerced[name];
    if (value === undefined) continue;
    if (spec.kind === "hostname" && typeof value === "string") value = absoluteName(value);
    if (spec.kind === "ipv6" && typeof value === "string") value = value.toLowerCase();
    if (spec.kind === "coordinate" && typeof value === "string") value = value.trim();
    if (((type === "RP" && name === "mbox") || (type === "SOA" && name === "rname")) && typeof value === "string") value = mailboxName(value);
    out[name] = value;
  }
  return out;
}

/** Two normalised rdata objects describe the same record data. */
export function sameRdata(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
