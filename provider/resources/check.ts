/**
 * `check` for every resource: validate, normalise (normalize.ts) and report one failure per bad
 * property, each naming the field and showing the fix. Unknown values (preview) skip validation
 * and are passed through unchanged.
 */
import { USER_RECORD_TYPES, canonicalRdata, coerceInt, isRecordType, validateRdata, type RecordType } from "../sdk/schemas/rdata";
import { SERIAL_STYLES } from "../sdk/schemas/zone";
import { exampleText } from "./examples";
import { MAX_A_RECORDS_PER_NODE } from "./declared-nodes";
import { APEX, keyedRdata, normalizeContact, normalizeZoneName, resolveRecordName, valueKey } from "./normalize";
import { SINGLE_VALUED_TYPES, TTL_MAX } from "./types";
import { containsUnknown, isUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult<T> {
  inputs: T;
  failures: CheckFailure[];
}

type Props = Record<string, unknown>;

/** Collects failures and the normalised inputs of one resource. */
export class Checker {
  readonly failures: CheckFailure[] = [];
  readonly out: Props = {};
  constructor(
    readonly resource: string,
    readonly news: Props,
    readonly known: readonly string[],
  ) {
    for (const key of Object.keys(news)) {
      if (!known.includes(key) && news[key] !== undefined) {
        this.fail(key, `is not an input of ${resource} (inputs: ${known.join(", ")})`);
      }
    }
  }
  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }
  /**
   * A failure of the field at `path` whose value is `value` (undefined when missing). For a nested
   * field (`rdata.address`, `records[2].ttl`) the reason itself names the path and shows the value:
   * Pulumi prints only top-level input values (`{<nil>}` for a nested path). `fix` follows a dash.
   */
  failValue(path: string, value: unknown, problem: string, fix?: string): void {
    this.fail(path, fieldReason(path, value, problem, fix));
  }
  /** The raw value, or `undefined` when absent/null. */
  get(key: string): unknown {
    const v = this.news[key];
    return v === null ? undefined : v;
  }
}

/** A property path below the top level of the inputs (`rdata.address`, `records[0]`). */
export function isNestedPath(path: string): boolean {
  return /[.[]/.test(path);
}

const SHOWN_MAX = 60;

/** A value as a failure shows it: JSON (strings quoted), cut to about 60 characters with "…". */
export function shownValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length <= SHOWN_MAX) return text;
  const cut = `${text.slice(0, SHOWN_MAX - 2)}…`;
  return typeof value === "string" ? `${cut}"` : cut;
}

/**
 * The reason text of a failure at `path`: `<path> <problem>, got <value> — <fix>` for a nested path
 * (the value omitted when missing); just `<problem> — <fix>` at the top level, where Pulumi shows
 * the property and its value itself.
 */
export function fieldReason(path: string, value: unknown, problem: string, fix?: string): string {
  const tail = fix ? ` — ${fix}` : "";
  if (!isNestedPath(path)) return `${problem}${tail}`;
  return `${path} ${problem}${value === undefined ? "" : `, got ${shownValue(value)}`}${tail}`;
}

export function checkZoneName(c: Checker, key: string, example: string): string | undefined {
  const raw = c.get(key);
  if (isUnknown(raw)) {
    c.out[key] = raw;
    return undefined;
  }
  if (typeof raw !== "string" || raw.trim() === "") {
    c.fail(key, `is required: the DNS zone name — e.g. ${key}: "${example}"`);
    return undefined;
  }
  const zone = normalizeZoneName(raw);
  if (!zone) {
    c.fail(key, `must be a DNS zone name such as "${example}" (got "${raw}")`);
    c.out[key] = raw;
    return undefined;
  }
  c.out[key] = zone;
  return zone;
}

function checkTtl(c: Checker, fallback: number, min: number, hint: string): void {
  const raw = c.get("ttl");
  if (raw === undefined) {
    c.out.ttl = fallback;
    return;
  }
  if (isUnknown(raw)) {
    c.out.ttl = raw;
    return;
  }
  const ttl = coerceInt(raw);
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < min || ttl > TTL_MAX) {
    c.fail("ttl", `must be an integer from ${min} to ${TTL_MAX} seconds${hint} — e.g. ttl: 3600`);
    c.out.ttl = raw;
    return;
  }
  c.out.ttl = ttl;
}

export function checkAdopt(c: Checker): void {
  const raw = c.get("adopt");
  if (raw === undefined) return;
  if (isUnknown(raw)) {
    c.out.adopt = raw;
    return;
  }
  if (raw === true || raw === "true") c.out.adopt = true;
  else if (raw === false || raw === "false") c.out.adopt = false;
  else c.fail("adopt", "must be true or false — e.g. adopt: true binds to an object that already exists");
}

export function checkZone(news: Props): CheckResult<Props> {
  const c = new Checker("Zone", news, ["name", "contact", "ttl", "serialStyle", "adopt"]);
  checkZoneName(c, "name", "example.com");

  const contact = c.get("contact");
  if (isUnknown(contact)) c.out.contact = contact;
  else {
    const normal = typeof contact === "string" ? normalizeContact(contact) : undefined;
    if (!normal) {
      c.fail("contact", `must be the zone administrator's e-mail address — e.g. contact: "hostmaster@example.com"${contact === undefined ? "" : ` (got ${JSON.stringify(contact)})`}`);
      if (contact !== undefined) c.out.contact = contact;
    } else c.out.contact = normal;
  }

  checkTtl(c, 3600, 1, " (the zone's default TTL)");

  const style = c.get("serialStyle");
  if (style === undefined) c.out.serialStyle = "increment";
  else if (isUnknown(style)) c.out.serialStyle = style;
  else if (typeof style === "string" && (SERIAL_STYLES as readonly string[]).includes(style.trim().toLowerCase())) {
    c.out.serialStyle = style.trim().toLowerCase();
  } else {
    c.fail("serialStyle", `must be one of ${SERIAL_STYLES.join(", ")} — e.g. serialStyle: "increment"`);
    c.out.serialStyle = style;
  }
  checkAdopt(c);
  return { inputs: c.out, failures: c.failures };
}

/**
 * A record's node inside `zone` (known zone; undefined when the zone is not known yet) as the
 * relative label (`"@"` for the apex). Failures are reported under `path`.
 */
export function checkLabel(c: Checker, raw: unknown, zone: string | undefined, path: string): unknown {
  if (raw === undefined) {
    c.failValue(path, raw, `is required: a label such as "www", "@" for the apex, or an absolute name inside the zone`);
    return undefined;
  }
  if (isUnknown(raw)) return raw;
  if (typeof raw !== "string") {
    c.failValue(path, raw, `must be a string such as "www" or "@"`);
    return undefined;
  }
  if (zone === undefined) return raw.trim().toLowerCase();
  const resolved = resolveRecordName(raw, zone);
  if ("error" in resolved) {
    c.failValue(path, undefined, `must be inside the zone: ${resolved.error}`); // the error quotes the name
    return raw;
  }
  return resolved.label;
}

/** A user record type (upper-cased); undefined (with a failure under `path`) when it is not one. */
export function checkRecordType(c: Checker, raw: unknown, path: string): RecordType | undefined {
  const upper = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  if (upper === "SOA") c.failValue(path, raw, "must not be SOA: the Zone resource manages the SOA record", "set contact, ttl and serialStyle on the Zone instead");
  else if (!isRecordType(upper)) c.failValue(path, raw, `must be one of ${USER_RECORD_TYPES.join(", ")}`, `e.g. type: "A"`);
  else return upper;
  return undefined;
}

/** A record TTL in seconds, 0 = the zone's default; `fallback` when absent. */
export function checkRecordTtl(c: Checker, raw: unknown, path: string, fallback = 0): unknown {
  if (raw === undefined || raw === null) return fallback;
  if (isUnknown(raw)) return raw;
  const ttl = coerceInt(raw);
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 0 || ttl > TTL_MAX) {
    c.failValue(path, raw, `must be an integer from 0 to ${TTL_MAX} seconds; 0 means the zone's default TTL`, "e.g. ttl: 3600");
    return raw;
  }
  return ttl;
}

/** zone, name, type, ttl and adopt — shared by Record and RecordSet. Returns the known type. */
function checkNode(c: Checker): RecordType | undefined {
  const zone = checkZoneName(c, "zone", "example.com");
  const name = checkLabel(c, c.get("name"), zone, "name");
  if (name !== undefined) c.out.name = name;

  const rawType = c.get("type");
  let type: RecordType | undefined;
  if (isUnknown(rawType)) c.out.type = rawType;
  else {
    type = checkRecordType(c, rawType, "type");
    c.out.type = type ?? rawType;
  }

  checkTtl(c, 0, 0, "; 0 means the zone's default TTL");
  checkAdopt(c);
  return type;
}

/** Validates and normalises one rdata object; failures are reported under `path`. */
export function checkRdata(c: Checker, type: RecordType | undefined, raw: unknown, path: string): unknown {
  if (raw === undefined) {
    c.failValue(path, raw, "is required", type ? exampleAt(path, type) : undefined);
    return undefined;
  }
  if (isUnknown(raw) || type === undefined) return raw;
  const fix = exampleAt(path, type);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    c.failValue(path, raw, `must be an object with the ${type} fields`, fix);
    return raw;
  }
  const rdata = canonicalRdata(type, raw as Props);
  const problems = validateRdata(type, rdata).filter((p) => !isUnknown(rdata[p.field]));
  for (const p of problems) {
    // The value as the user wrote it (before normalisation), unless the field is missing.
    const given = (raw as Props)[p.field];
    c.failValue(`${path}.${p.field}`, p.reason === "is required" ? undefined : given, p.reason, fix);
  }
  return rdata;
}

/** §6.4: the apex holds the zone's SOA and NS records, and a CNAME node holds nothing else. */
function checkCnameNotAtApex(c: Checker, type: RecordType | undefined): void {
  if (type !== "CNAME" || c.out.name !== APEX) return;
  c.fail(
    "name",
    `a CNAME cannot be at the zone apex: the apex holds the zone's SOA and NS records, and a CNAME node holds nothing else — put the CNAME on a name such as "www", or use type: "ALIAS" at the apex`,
  );
}

/** §6.4: at most 13 A records at one node. */
function checkALimit(c: Checker, type: RecordType | undefined, records: unknown[]): void {
  if (type !== "A" || records.length <= MAX_A_RECORDS_PER_NODE) return;
  c.fail("records", `has ${records.length} A records; DynECT allows at most ${MAX_A_RECORDS_PER_NODE} A records at one node — keep at most ${MAX_A_RECORDS_PER_NODE} (spread the rest over other names)`);
}

/** `e.g. rdata: { … }` for `rdata` or `records[0].rdata`; `e.g. { … }` for a list element (`records[1]`). */
function exampleAt(path: string, type: RecordType): string {
  const field = path.slice(path.lastIndexOf(".") + 1);
  return field.endsWith("]") ? `e.g. ${exampleText(type)}` : `e.g. ${field}: ${exampleText(type)}`;
}

export function checkRecord(news: Props): CheckResult<Props> {
  const c = new Checker("Record", news, ["zone", "name", "type", "ttl", "rdata", "adopt"]);
  const type = checkNode(c);
  checkCnameNotAtApex(c, type);
  const rdata = checkRdata(c, type, c.get("rdata"), "rdata");
  if (rdata !== undefined) c.out.rdata = rdata;
  return { inputs: c.out, failures: c.failures };
}

/**
 * The members of a RecordSet as written: the user's list, or the stored keyed form
 * (`{ "192.0.2.10": { address: "192.0.2.10" } }`, what diff re-checks) — with the path of each.
 */
function setMembers(raw: unknown): { path: string; value: unknown }[] | undefined {
  if (Array.isArray(raw)) return raw.map((value, i) => ({ path: `records[${i}]`, value }));
  if (typeof raw === "object" && raw !== null) return Object.entries(raw).map(([key, value]) => ({ path: `records[${JSON.stringify(key)}]`, value }));
  return undefined;
}

export function checkRecordSet(news: Props): CheckResult<Props> {
  const c = new Checker("RecordSet", news, ["zone", "name", "type", "ttl", "records", "adopt"]);
  const type = checkNode(c);
  checkCnameNotAtApex(c, type);
  const raw = c.get("records");
  const example = type ? `records: [${exampleText(type)}]` : `records: [{ address: "192.0.2.10" }]`;
  const members = setMembers(raw);
  if (isUnknown(raw)) c.out.records = raw;
  else if (!members || members.length === 0) {
    c.fail("records", `must be a non-empty list of rdata — e.g. ${example}`);
    if (raw !== undefined) c.out.records = raw;
  } else {
    const records = members.map((m) => checkRdata(c, type, m.value === null ? undefined : m.value, m.path));
    if (type !== undefined && !containsUnknown(records)) {
      const seen = new Map<string, string>();
      records.forEach((r, i) => {
        if (typeof r !== "object" || r === null) return;
        const key = valueKey(type, r as Props);
        const first = seen.get(key);
        if (first !== undefined) c.failValue(members[i].path, members[i].value, `duplicates ${first}`, "list each value once");
        else seen.set(key, members[i].path);
      });
      if (SINGLE_VALUED_TYPES.has(type) && records.length > 1) c.fail("records", `a ${type} node holds exactly one record — keep one entry`);
      checkALimit(c, type, records);
      // Keyed by each record's zone-file text: Pulumi's diff then names the member that changed.
      c.out.records = keyedRdata(type, records as Props[]);
    } else c.out.records = records;
  }
  return { inputs: c.out, failures: c.failures };
}
