/** Zone serial numbers per serial style (dynect-api.md §5.1 "Serial styles"). */
export const SERIAL_STYLES = ["increment", "epoch", "day", "minute"] as const;
export type SerialStyle = (typeof SERIAL_STYLES)[number];

export function isSerialStyle(v: unknown): v is SerialStyle {
  return typeof v === "string" && (SERIAL_STYLES as readonly string[]).includes(v);
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The serial after a publish. Always strictly greater than `current` (a style's natural value is
 * used when it is larger, else current + 1), so secondaries always see a newer zone.
 * - increment: current + 1 (a new zone's first publish gives 1)
 * - epoch: UNIX seconds at publish
 * - day: YYYYMMDDxx, xx counting publishes of that day from 00 (first `day` publish → 2017122100, §5.1 [REC])
 * - minute: YYMMDDHHMM
 */
export function nextSerial(style: SerialStyle, current: number, now: Date = new Date()): number {
  let natural: number;
  switch (style) {
    case "increment":
      natural = current + 1;
      break;
    case "epoch":
      natural = Math.floor(now.getTime() / 1000);
      break;
    case "day":
      natural = Number(`${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}00`);
      break;
    case "minute":
      natural = Number(
        `${pad(now.getUTCFullYear() % 100)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`,
      );
      break;
  }
  return natural > current ? natural : current + 1;
}
