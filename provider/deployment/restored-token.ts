/**
 * A token restored from persisted state (dyn:sessionKey) may carry unpublished changes this
 * process did not make — a saved token is kept only when its owner saw none pending, but that
 * owner's view is all there is. Before the token's first batch in a zone, its pending changes
 * there are read (`GET /REST/ZoneChanges/<zone>/`, §5.2) and, if any, discarded, so our publish
 * never carries someone else's changes. If that cannot be done, the token is given up (the next
 * use logs in anew).
 */
import { discardZoneChanges, getZoneChanges, isDynError, type DynectSession } from "../sdk";

/** The `prepare` hook of the zone batcher: once per token and zone. */
export function restoredTokenCheck(): (session: DynectSession, zone: string) => Promise<void> {
  const checked = new WeakMap<DynectSession, { epoch: number; zones: Set<string> }>();
  return async (session, zone) => {
    if (!session.tokenRestored) return;
    let seen = checked.get(session);
    if (!seen || seen.epoch !== session.epoch) checked.set(session, (seen = { epoch: session.epoch, zones: new Set() }));
    if (seen.zones.has(zone)) return;
    try {
      const pending = await getZoneChanges(session, zone);
      if (pending.length > 0) await discardZoneChanges(session, zone);
    } catch (e) {
      // A zone that does not exist yet has nothing pending.
      if (!isDynError(e, "NOT_FOUND")) {
        await session.abandonToken(seen.epoch);
        return;
      }
    }
    seen.zones.add(zone);
  };
}
