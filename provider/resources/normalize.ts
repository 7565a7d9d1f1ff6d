/**
 * The one place that turns what users write into the canonical form the provider stores, and
 * what DynECT returns into the same form — so an unchanged program previews with no changes after
 * `up` and after `refresh` (DESIGN invariant 6). Every function here is pure.
 */
import { RDATA_FIELDS, coerceRdata, type FieldSpec, type RecordType } from "../sdk/schemas/rdata";

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

/**
 * Host names in rdata in the form DynECT returns them: lower-case, absolute, trailing dot (§6.2).
 * A blank value stays "" so the validator reports it as missing (only an explicit "." is the root).
 */
export function normalizeHostname(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (name === "") return "";
  return name.endsWith(".") ? name : `${name}.`;
}

/**
 * IPv6 in RFC 5952 form (lower-case, no leading zeros, longest zero run as `::`), so equal
 * addresses written differently compare equal whatever form DynECT returns. Addresses with an
 * embedded IPv4 part, or that do not parse, are only lower-cased.
 */
export function normalizeIPv6(raw: string): string {
  const value = raw.trim().toLowerCase();
  if (value.includes(".")) return value;
  const halves = value.split("::");
  if (halves.length > 2) return value;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return value;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return value;
  const short = groups.map((g) => g.replace(/^0+(?=.)/, ""));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (short[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && short[j] === "0") j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return short.join(":");
  return `${short.slice(0, best.start).join(":")}::${short.slice(best.start + best.len).join(":")}`;
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
 * The DNS mailbox form DynECT returns for e-mail fields (RP `mbox`, SOA `rname`, §6.3):
 * `admin@example.com` → `admin.example.com.`.
 */
export function mailboxForm(raw: string): string {
  return normalizeHostname(raw.trim().replace("@", "."));
}

/**
 * The contact to report for a live SOA `rname`: the declared contact when it denotes the same
 * mailbox (the mailbox form loses where the `@` was, e.g. `first.last@…`), else the live value.
 */
export function liveContact(rname: string, declared: unknown): string {
  if (typeof declared === "string" && mailboxForm(declared) === mailboxForm(rname)) return declared;
  return normalizeContact(rname) ?? rname;
}

const TXT_CHUNK_BYTES = 255;

/** Splits `"a" "b c"` (the zone-file form DynECT uses for long TXT) into its strings, else `undefined`. */
function parseQuotedChunks(value: string): string[] | undefined {
  const chunks: string[] = [];
  let i = 0;
  const s = value.trim();
  while (i < s.length) {
    if (s[i] !== '"') return undefined;
    let chunk = "";
    i++;
    for (;;) {
      if (i >= s.length) return undefined;
      const c = s[i];
      if (c === "\\" && i + 1 < s.length) {
        chunk += s[i + 1];
        i += 2;
      } else if (c === '"') {
        i++;
        break;
      } else {
        chunk += c;
        i++;
      }
    }
    chunks.push(chunk);
    if (i < s.length && !/\s/.test(s[i])) return undefined;
    while (i < s.length && /\s/.test(s[i])) i++;
  }
  return chunks.length > 0 ? chunks : undefined;
}

/** Splits text into pieces of at most 255 UTF-8 bytes without cutting a character in two. */
function splitBytes(text: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > TXT_CHUNK_BYTES) {
      pieces.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

/**
 * Canonical TXT/SPF `txtdata` (user-asks #28/#29): text that is already in quoted-chunk form is
 * read as zone-file strings and joined; the result is kept as a plain string when it fits one DNS
 * string (≤ 255 bytes), and otherwise written as quoted 255-byte chunks `"…" "…"`, the form DynECT
 * needs ("txtdata: Too long" otherwise). Idempotent, and applied to what DynECT returns too.
 */
export function normalizeTxt(raw: string): string {
  const chunks = parseQuotedChunks(raw);
  const text = chunks ? chunks.join("") : raw;
  if (Buffer.byteLength(text) <= TXT_CHUNK_BYTES) return text;
  return splitBytes(text)
    .map((piece) => `"${piece.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .join(" ");
}

/** The logical text of a TXT value (chunks joined), for length checks and messages. */
export function txtText(raw: string): string {
  const chunks = parseQuotedChunks(raw);
  return chunks ? chunks.join("") : raw;
}

function normalizeField(type: RecordType, name: string, spec: FieldSpec | undefined, value: unknown): unknown {
  if (typeof value !== "string" || spec === undefined) return value;
  switch (spec.kind) {
    case "hostname":
      return normalizeHostname(value);
    case "ipv4":
      return value.trim();
    case "ipv6":
      return normalizeIPv6(value);
    case "coordinate":
      return value.trim().toUpperCase();
    case "enum":
      return value.trim().toLowerCase();
    case "string":
      if ((type === "TXT" || type === "SPF") && name === "txtdata") return normalizeTxt(value);
      if (type === "RP" && name === "mbox") return mailboxForm(value);
      return value;
    default:
      return value;
  }
}

/**
 * Canonical rdata of `type`: integers given as strings become numbers, host names get the DynECT
 * form, TXT is chunked, keys come in the table's order. Values it cannot interpret (and unknowns)
 * are passed through untouched for the validator to report. Also used on rdata read from DynECT.
 */
export function normalizeRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const coerced = coerceRdata(type, rdata);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    if (coerced[name] !== undefined) out[name] = normalizeField(type, name, fields[name], coerced[name]);
  }
  for (const [name, value] of Object.entries(coerced)) {
    if (!(name in fields) && value !== undefined) out[name] = value;
  }
  return out;
}

/** Only the fields of `type` (DynECT adds none today, but responses may carry extras). */
export function pickRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) if (rdata[name] !== undefined) out[name] = rdata[name];
  return out;
}

/** A stable text key of canonical rdata: equal rdata ⇔ equal key. */
export function rdataKey(rdata: Record<string, unknown>): string {
  return JSON.stringify(rdata);
}

/** Canonical order of a multi-value set. */
export function sortRdata<T extends Record<string, unknown>>(records: T[]): T[] {
  return [...records].sort((a, b) => {
    const ka = rdataKey(a);
    const kb = rdataKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** An integer given as a number or numeric string; anything else is returned unchanged. */
export function toInt(value: unknown): unknown {
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return value;
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
