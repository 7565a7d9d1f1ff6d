/** Argument checks shared by the zone and record routes. */
import { isHostname } from "../sdk/schemas/rdata";
import { isSerialStyle, SERIAL_STYLES, type SerialStyle } from "./serial";

export const MAX_TTL = 2147483647;

/** TTLs arrive as numbers or numeric strings (§6.1); returns undefined when not a valid TTL. */
export function parseTtl(v: unknown): number | undefined {
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_TTL ? n : undefined;
}

export function parseSerialStyle(v: unknown): SerialStyle | undefined {
  return isSerialStyle(v) ? v : undefined;
}

export const SERIAL_STYLE_REASON = `must be one of ${SERIAL_STYLES.join(", ")}`;

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
