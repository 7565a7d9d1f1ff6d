/** What a route handler gets, and the checks most handlers share. */
import { ApiError, errorMsg, fail, info } from "./envelope";
import { TEXT, zoneNotFound } from "./messages";
import type { Emulator } from "./emulator";
import type { Session } from "./sessions";
import type { Change, ChangeSet, StoredRecord, ZoneState, ZoneView } from "./state";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Ctx {
  emu: Emulator;
  method: Method;
  /** path parameters after the resource name; zone/fqdn lower-cased without trailing dot */
  params: string[];
  /** query string merged with the JSON body (body wins), §1 "Arguments on GET/DELETE" */
  args: Record<string, unknown>;
  /** present on every route except login */
  session?: Session;
  /** the API-Version header, if sent */
  apiVersion?: string;
  jobId: number;
}

export function sessionOf(ctx: Ctx): Session {
  if (!ctx.session) throw new Error("route needs a session");
  return ctx.session;
}

/** `detail=Y` (any case, also true/1) from query or body. */
export function wantsDetail(ctx: Ctx): boolean {
  return truthy(ctx.args.detail);
}

export function truthy(v: unknown): boolean {
  if (v === true || v === 1) return true;
  if (typeof v === "string") return ["y", "yes", "true", "1"].includes(v.trim().toLowerCase());
  return false;
}

/** The caller's zone or the spec's 404 (§2.3). */
export function zoneFor(ctx: Ctx, name: string | undefined): ZoneState {
  const zone = name ? ctx.emu.store.zoneOf(sessionOf(ctx).customer, name) : undefined;
  if (!zone) throw zoneNotFound(ctx.method);
  return zone;
}

/** Edits of a frozen zone, or of one blocked by a running task, are refused. */
export function assertEditable(ctx: Ctx, zone: ZoneState, context?: string): void {
  assertNotBlocked(ctx, zone);
  if (zone.frozen) throw context ? fail(400, "ILLEGAL_OPERATION", TEXT.zoneFrozen, context) : fail(400, "ILLEGAL_OPERATION", TEXT.zoneFrozen);
}

/** A zone with a running blocking task refuses changes (§2.3); each refusal counts against the block. */
export function assertNotBlocked(ctx: Ctx, zone: ZoneState): void {
  const task = ctx.emu.faults.blockedBy(zone.name);
  if (task) {
    throw new ApiError(400, [errorMsg("ILLEGAL_OPERATION", TEXT.blocked), info(TEXT.taskName(task.name)), info(TEXT.taskId(task.task_id))]);
  }
}

function changeSetFor(ctx: Ctx, zone: ZoneState): ChangeSet {
  const s = sessionOf(ctx);
  let cs = s.changes.get(zone.name);
  if (!cs || cs.zoneUid !== zone.uid) {
    cs = { zoneUid: zone.uid, changes: [] };
    s.changes.set(zone.name, cs);
  }
  return cs;
}

/** The session's pending changes to the zone, without creating a change set (a stale one, of a deleted zone of that name, counts as none). */
export function pendingChanges(ctx: Ctx, zone: ZoneState): readonly Change[] {
  const cs = sessionOf(ctx).changes.get(zone.name);
  return cs && cs.zoneUid === zone.uid ? cs.changes : [];
}

type WithoutSeq<C> = C extends unknown ? Omit<C, "seq"> : never;
/** A pending change as a route describes it; `stage` numbers it. */
export type NewChange = WithoutSeq<Change>;

/** Appends a pending change to the session's change set for the zone (§3.2, §5.2). */
export function stage(ctx: Ctx, zone: ZoneState, change: NewChange): void {
  changeSetFor(ctx, zone).changes.push({ ...change, seq: ctx.emu.store.seq() });
}

export function viewOf(ctx: Ctx, zone: ZoneState): ZoneView {
  return ctx.emu.store.view(zone, sessionOf(ctx).changes.get(zone.name));
}

/** The §6.2 record object. `recordId` overrides the id (0 in POST/PUT replies). */
export function recordJson(view: ZoneView, r: StoredRecord, recordId: number = r.id): Record<string, unknown> {
  const o: Record<string, unknown> = {
    zone: view.zone.name,
    ttl: r.ttl,
    fqdn: r.fqdn,
    record_type: r.type,
    rdata: r.type === "SOA" ? { ...r.rdata, serial: view.zone.serial } : { ...r.rdata },
    record_id: recordId,
  };
  if (r.type === "NS") o.service_class = r.serviceClass ?? "";
  if (r.type === "SOA") o.serial_style = view.serialStyle;
  return o;
}

/** The zone object of §5.1 (`GET /REST/Zone/<zone>/`). */
export function zoneJson(view: ZoneView): Record<string, unknown> {
  return { zone_type: view.zone.zoneType, serial_style: view.serialStyle, serial: view.zone.serial, zone: view.zone.name };
}
