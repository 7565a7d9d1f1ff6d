/**
 * Small zone utilities of §5.7 that dyn-python calls: `POST /REST/ZoneNoteReport/` (zone notes,
 * one per publish, newest first; item shape unconfirmed) and `GET /REST/Apex/<node>/`.
 */
import { fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { sessionOf, viewOf, zoneFor, zoneJson, type Ctx } from "../context";
import { inZone, normalizeName } from "../validate";

export function zoneNotes(ctx: Ctx): Outcome {
  const name = typeof ctx.args.zone === "string" ? normalizeName(ctx.args.zone) : undefined;
  if (!name) throw fail(400, "MISSING_DATA", TEXT.missingArg("zone"));
  const zone = zoneFor(ctx, name);
  const offset = Math.max(0, Number(ctx.args.offset ?? 0) || 0);
  const limit = Math.max(0, Number(ctx.args.limit ?? 1000) || 1000);
  const notes = [...zone.notes]
    .reverse()
    .slice(offset, offset + limit)
    .map((n) => ({ zone: zone.name, type: "publish", serial: n.serial, user_name: n.user, timestamp: String(n.ts), note: n.note }));
  return ok(notes, info(TEXT.notesList(notes.length)));
}

export function apex(ctx: Ctx): Outcome {
  const node = ctx.params[0] ?? "";
  const zones = ctx.emu.store.zonesOf(sessionOf(ctx).customer).filter((z) => inZone(node, z.name));
  const best = zones.sort((a, b) => b.name.length - a.name.length)[0];
  if (!best) throw fail(404, "NOT_FOUND", TEXT.apexNotFound(node));
  return ok(zoneJson(viewOf(ctx, best)), info(TEXT.apexFound(best.name)));
}
