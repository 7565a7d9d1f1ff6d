/** /REST/Zone/ and /REST/ZoneChanges/ (§5.1, §5.2). */
import { fail, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { assertEditable, assertNotBlocked, pendingChanges, sessionOf, truthy, viewOf, wantsDetail, zoneFor, zoneJson, type Ctx } from "../context";
import { isZoneName, readRname, readSerialStyle, readTtl } from "../validate";
import type { ZoneState } from "../state";

export function listZones(ctx: Ctx): Outcome {
  const zones = ctx.emu.store.zonesOf(sessionOf(ctx).customer);
  const data = wantsDetail(ctx) ? zones.map((z) => zoneJson(viewOf(ctx, z))) : zones.map((z) => `/REST/Zone/${z.name}/`);
  return ok(data, info(TEXT.zoneList(zones.length)));
}

export function getZone(ctx: Ctx): Outcome {
  if (ctx.params.length === 0) return listZones(ctx);
  const zone = zoneFor(ctx, ctx.params[0]);
  return ok(zoneJson(viewOf(ctx, zone)), info(TEXT.zoneGet(zone.name)));
}

/** Validates the create arguments shared by POST /Zone/ and POST /ZoneFile/. */
export function checkNewZone(ctx: Ctx, name: string | undefined): string {
  if (!name || !isZoneName(name)) throw fail(400, "INVALID_DATA", TEXT.zoneBadName(name ?? ""), TEXT.createContext);
  const existing = ctx.emu.store.zones.get(name);
  if (existing) throw fail(400, "TARGET_EXISTS", TEXT.zoneExists, TEXT.zoneExistsContext);
  return name;
}

export function createZone(ctx: Ctx): Outcome {
  const name = checkNewZone(ctx, ctx.params[0]);
  const { args } = ctx;
  const rname = readRname(args.rname, TEXT.createContext);
  const ttl = readTtl(args.ttl, TEXT.createContext);
  if (ttl === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("ttl"), TEXT.createContext);
  const style = readSerialStyle(args.serial_style, TEXT.createContext) ?? "increment";
  const zone = ctx.emu.store.createZone(sessionOf(ctx).customer, name, rname, ttl, style);
  return ok(zoneJson(viewOf(ctx, zone)), info(TEXT.zoneSetup), info(TEXT.zoneCreated(zone.name)));
}

/** PUT: exactly one of publish (+notes), freeze, thaw (§5.1). */
export function updateZone(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const { args } = ctx;
  if (truthy(args.publish)) return publish(ctx, zone, typeof args.notes === "string" ? args.notes : undefined);
  if (truthy(args.freeze)) {
    assertNotBlocked(ctx, zone);
    zone.frozen = true;
    ctx.emu.store.changed();
    return ok({}, info(TEXT.zoneFrozenOk));
  }
  if (truthy(args.thaw)) {
    assertNotBlocked(ctx, zone);
    zone.frozen = false;
    ctx.emu.store.changed();
    return ok({}, info(TEXT.zoneThawedOk));
  }
  throw fail(400, "MISSING_DATA", TEXT.zoneUpdateNeedsAction);
}

function publish(ctx: Ctx, zone: ZoneState, notes: string | undefined): Outcome {
  assertEditable(ctx, zone, "publish: Zone not published");
  const s = sessionOf(ctx);
  const { serial, task } = ctx.emu.store.publish(zone, s.changes.get(zone.name), s.user, notes);
  s.changes.delete(zone.name);
  ctx.emu.metrics.publish(zone.name);
  return ok(
    { zone_type: zone.zoneType, task_id: task.task_id, serial, serial_style: zone.serialStyle, zone: zone.name },
    info(TEXT.zonePublished(zone.name)),
  );
}

export function deleteZone(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  assertEditable(ctx, zone);
  ctx.emu.store.deleteZone(zone.name);
  ctx.emu.sessions.dropZone(zone.name);
  return ok({}, info(TEXT.zoneRemoved));
}

/**
 * GET /REST/ZoneChanges/<zone>/: this session's unpublished changes. The item shape is
 * unconfirmed (§5.2, §12); each item has `rdata_type` plus the record fields and the kind of change.
 */
export function getChanges(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  const user = sessionOf(ctx).user;
  const items = pendingChanges(ctx, zone).flatMap((c) =>
    c.kind === "settings"
      ? []
      : [
          {
            id: c.seq,
            zone: zone.name,
            fqdn: c.record.fqdn,
            rdata_type: c.record.type,
            ttl: c.record.ttl,
            rdata: c.record.type === "SOA" ? { ...c.record.rdata, serial: zone.serial } : c.record.rdata,
            record_id: c.record.id,
            change_type: c.kind === "delete" ? "delete" : c.action,
            serial: zone.serial,
            user_name: user,
          },
        ],
  );
  return ok(items, info(TEXT.changesList(items.length)));
}

export function discardChanges(ctx: Ctx): Outcome {
  const zone = zoneFor(ctx, ctx.params[0]);
  sessionOf(ctx).changes.delete(zone.name);
  return ok({}, info(TEXT.changesDiscarded));
}

