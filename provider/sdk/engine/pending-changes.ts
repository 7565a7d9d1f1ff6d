/**
 * Which zones a token holds unpublished changes in (§3.2, §5.2) — from the calls themselves, so a
 * session knows whether its token may be kept for another process: a mutating call on a zone's
 * data counts as pending from the moment it is sent (an ambiguous failure may have applied it);
 * only a confirmed publish, discard or zone delete clears the zone. A new token starts clean.
 */
export type ChangeEffect = "pending" | "clean";

const ZONE_DATA = /^\/REST\/(?:[A-Z0-9]+Record|Node|ZoneFile|Zone)\/([^/]+)/i;
const ZONE = /^\/REST\/Zone\/([^/]+)\/?$/i;
const CHANGES = /^\/REST\/ZoneChanges\/([^/]+)\/?$/i;

/** What a mutating call does to its zone's pending changes once it succeeds (undefined: nothing). */
export function changeEffect(method: string, path: string, args: Record<string, unknown> | undefined): { zone: string; effect: ChangeEffect } | undefined {
  const changes = CHANGES.exec(path);
  if (changes) return method === "DELETE" ? { zone: zoneOf(changes[1]), effect: "clean" } : undefined;
  const zone = ZONE.exec(path);
  if (zone) {
    const name = zoneOf(zone[1]);
    if (method === "DELETE") return { zone: name, effect: "clean" }; // the zone and its changes are gone
    if (method === "PUT") return isTrue(args?.publish) ? { zone: name, effect: "clean" } : undefined; // freeze/thaw change nothing pending
    return { zone: name, effect: "pending" }; // a new zone is unpublished
  }
  const data = ZONE_DATA.exec(path);
  return data ? { zone: zoneOf(data[1]), effect: "pending" } : undefined;
}

function zoneOf(segment: string): string {
  return decodeURIComponent(segment).replace(/\.$/, "").toLowerCase();
}

function isTrue(v: unknown): boolean {
  return v === true || v === "true" || v === "Y" || v === "y" || v === 1;
}

export class PendingChanges {
  readonly #zones = new Set<string>();

  /** Before a mutating call is sent: it may leave something pending, whatever the answer. */
  sending(method: string, path: string, args: Record<string, unknown> | undefined): void {
    const e = changeEffect(method, path, args);
    if (e?.effect === "pending") this.#zones.add(e.zone);
  }

  /** After a mutating call succeeded. */
  succeeded(method: string, path: string, args: Record<string, unknown> | undefined): void {
    const e = changeEffect(method, path, args);
    if (e?.effect === "clean") this.#zones.delete(e.zone);
  }

  /** A new token: nothing of ours is pending on it. */
  reset(): void {
    this.#zones.clear();
  }

  get zones(): string[] {
    return [...this.#zones].sort();
  }
}
