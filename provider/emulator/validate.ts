/** Argument checks shared by the zone and record routes. */
import { isHostname, validateRdata, type RecordType } from "../sdk/schemas/rdata";
import { ApiError, errorMsg, fail, info } from "./envelope";
import { TEXT } from "./messages";
import { isSerialStyle, SERIAL_STYLES, type SerialStyle } from "./serial";

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

/**
 * Rdata checked with the shared rdata table: every problem → one INVALID_DATA ERROR `<field>: <reason>`
 * (passed through `where`, e.g. to prefix a zone-file line), then the INFO `context`.
 */
export function checkRdata(type: RecordType, rdata: unknown, context: string, where: (text: string) => string = (t) => t): void {
  const problems = validateRdata(type, rdata);
  if (problems.length > 0) {
    throw new ApiError(400, [...problems.map((p) => errorMsg("INVALID_DATA", where(TEXT.badArg(p.field, p.reason)))), info(context)]);
  }
}
