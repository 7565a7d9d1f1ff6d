/** Argument checks shared by the zone and record routes, and rdata checked against the §6.3 table. */
import { isIPv4 as netIsIPv4, isIPv6 as netIsIPv6 } from "node:net";
import { ApiError, errorMsg, fail, info } from "./envelope";
import { REASON, TEXT } from "./messages";
import { fieldsOf, type FieldSpec, type RecordType } from "./rdata-table";
import { isSerialStyle, SERIAL_STYLES, type SerialStyle } from "./serial";
import { txtTooLong } from "./txt";

export const MAX_TTL = 2147483647;

/** TTLs arrive as numbers or numeric strings (§6.1); returns undefined when not a valid TTL. */
export function parseTtl(v: unknown): number | undefined {
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_TTL ? n : undefined;
}

/** A `ttl` argument: undefined when absent; anything but a valid TTL → 400 INVALID_DATA naming ttl. */
export function readTtl(v: unknown, context: string): number | undefined {
  if (!isPresent(v)) return undefined;
  const ttl = parseTtl(v);
  if (ttl === undefined) throw fail(400, "INVALID_DATA", TEXT.ttlInvalid, context);
  return ttl;
}

/** A required `rname` argument: MISSING_DATA when absent, INVALID_DATA unless an e-mail address. */
export function readRname(v: unknown, context: string): string {
  if (!isPresent(v)) throw fail(400, "MISSING_DATA", TEXT.missingArg("rname"), context);
  if (!isMailbox(v)) throw fail(400, "INVALID_DATA", TEXT.badArg("rname", "must be an e-mail address"), context);
  return v;
}

/** A `serial_style` argument: undefined when absent; an unknown style → 400 INVALID_DATA naming it. */
export function readSerialStyle(v: unknown, context: string): SerialStyle | undefined {
  if (!isPresent(v)) return undefined;
  if (!isSerialStyle(v)) throw fail(400, "INVALID_DATA", TEXT.badArg("serial_style", `must be one of ${SERIAL_STYLES.join(", ")}`), context);
  return v;
}

/** Zone and node names as the emulator keys them: lower-case, no trailing dot. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, "");
}

export function isZoneName(name: string): boolean {
  return isHostname(name) && !name.includes("*");
}

/** An e-mail style admin address (`admin@example.com` or `admin.example.com`). */
export function isMailbox(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "" && isHostname(v.trim().replace("@", ".").replace(/\.$/, ""));
}

export function inZone(fqdn: string, zone: string): boolean {
  return fqdn === zone || fqdn.endsWith(`.${zone}`);
}

export function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/** A domain-name label: letters, digits, `_`, inner hyphens, at most 63 characters (RFC 1035, RFC 2782 `_srv`). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * A host name as DynECT accepts it in paths and rdata: labels separated by dots, an optional
 * leading `*` label (wildcard), an optional trailing dot, at most 254 characters as written;
 * or the root `.` alone (null MX RFC 7505, SRV "no service" RFC 2782, NAPTR replacement).
 */
export function isHostname(value: string): boolean {
  if (value === ".") return true;
  if (value.length === 0 || value.length > 254) return false;
  const labels = (value.endsWith(".") ? value.slice(0, -1) : value).split(".");
  return labels.every((label, i) => LABEL.test(label) || (i === 0 && label === "*" && labels.length > 1));
}

export function isIPv4(value: string): boolean {
  return netIsIPv4(value);
}

/** An IPv6 address (a scoped address with `%zone` is not an rdata value). */
export function isIPv6(value: string): boolean {
  return !value.includes("%") && netIsIPv6(value);
}

/** RFC 1876 text form: degrees [minutes [seconds[.fraction]]] hemisphere. */
const COORDINATE = /^(\d{1,3})(?: (\d{1,2})(?: (\d{1,2}(?:\.\d{1,3})?))?)? ([NSEW])$/;

/** An integer sent as a numeric string (`"10"`, `" -5 "`) is that number (§6.1); anything else stays as is. */
export function asInteger(value: unknown): unknown {
  return typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
}

/** Why one rdata value does not fit its field, or undefined when it does. */
export function checkField(spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case "int": {
      const n = asInteger(value);
      const fits = typeof n === "number" && Number.isInteger(n) && n >= spec.min && n <= spec.max;
      return fits ? undefined : REASON.integer(spec.min, spec.max);
    }
    case "string":
    case "mailbox":
      return typeof value === "string" && value.length > 0 ? undefined : REASON.text;
    case "hostname":
      if (typeof value !== "string" || !isHostname(value)) return REASON.hostname;
      if (value === ".") return spec.root ? undefined : REASON.notRoot;
      return isIPv4(value.replace(/\.$/, "")) ? REASON.notAddress : undefined;
    case "ipv4":
      return typeof value === "string" && isIPv4(value) ? undefined : REASON.ipv4;
    case "ipv6":
      return typeof value === "string" && isIPv6(value) ? undefined : REASON.ipv6;
    case "enum":
      return typeof value === "string" && spec.values.includes(value) ? undefined : REASON.oneOf(spec.values);
    case "coordinate": {
      const m = typeof value === "string" ? COORDINATE.exec(value.trim()) : null;
      if (!m || !spec.hemispheres.includes(m[4])) return REASON.coordinate(spec.hemispheres[0]);
      const [deg, min, sec] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
      const inRange = min < 60 && sec < 60 && (deg < spec.maxDegrees || (deg === spec.maxDegrees && min === 0 && sec === 0));
      return inRange ? undefined : REASON.coordinateRange(spec.maxDegrees);
    }
  }
}

/** Every problem of an rdata object of `type`: bad or missing fields in table order, then unknown keys. */
export function rdataProblems(type: RecordType, rdata: unknown): { field: string; reason: string }[] {
  if (typeof rdata !== "object" || rdata === null || Array.isArray(rdata)) return [{ field: "rdata", reason: REASON.object }];
  const given = rdata as Record<string, unknown>;
  const fields = fieldsOf(type);
  const problems: { field: string; reason: string }[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const value = given[field];
    const reason = value === undefined || value === null || value === "" ? REASON.required : checkField(spec, value);
    if (reason) problems.push({ field, reason });
  }
  for (const field of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(fields, field)) problems.push({ field, reason: REASON.unknownField(type, Object.keys(fields)) });
  }
  return problems;
}

/**
 * Rdata checked against the §6.3 table: every problem → one INVALID_DATA ERROR `<field>: <reason>`
 * (passed through `where`, e.g. to prefix a zone-file line), then the INFO `context`.
 */
export function checkRdata(type: RecordType, rdata: unknown, context: string, where: (text: string) => string = (t) => t): void {
  const problems = rdataProblems(type, rdata).filter((p) => !emptyNaptrRegexp(type, rdata, p.field));
  if (problems.length > 0) {
    throw new ApiError(400, [...problems.map((p) => errorMsg("INVALID_DATA", where(TEXT.badArg(p.field, p.reason)))), info(context)]);
  }
}

/**
 * Emulator rule on top of the §6.3 table: a NAPTR `regexp` may be the empty string — a
 * non-terminal or S/A rule uses `replacement` instead (RFC 3403 §4.1, the two are mutually exclusive).
 */
function emptyNaptrRegexp(type: RecordType, rdata: unknown, field: string): boolean {
  return type === "NAPTR" && field === "regexp" && (rdata as Record<string, unknown>).regexp === "";
}

/** TXT/SPF text the DNS cannot carry (one string over 255 octets) → 400 INVALID_DATA `txtdata: Too long` (octodns/octodns#127). */
export function checkTxtLength(type: RecordType, rdata: Record<string, unknown>, context: string): void {
  if ((type === "TXT" || type === "SPF") && typeof rdata.txtdata === "string" && txtTooLong(rdata.txtdata)) {
    throw fail(400, "INVALID_DATA", TEXT.txtTooLong, context);
  }
}
