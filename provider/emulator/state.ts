/**
 * The emulator's data: zones with their published records, per-session change sets (pending
 * changes, §3.2/§5.2), id allocation, tasks, and the optional JSON state file.
 *
 * Record ids (documented choice, §6.2 leaves it open): an id is allocated when a record is first
 * written, pending or not. The owning session sees pending records under that id (GET by id,
 * `detail=Y` lists, AllRecord); publishing keeps it, so the id a session reads before publish is the
 * id everybody reads after. POST and node-level PUT replies still show `record_id: 0` (faithful to
 * the recorded MX create). Updating one record in place (PUT …/<id>/) keeps its id. Published ids
 * never change on reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { absoluteName, mailboxName } from "./rdata-normalize";
import { RECORD_TYPES, type RecordType } from "./rdata-table";
import { nextSerial, type SerialStyle } from "./serial";

export interface StoredRecord {
  id: number;
  type: RecordType;
  /** lower-case, no trailing dot */
  fqdn: string;
  ttl: number;
  /** normalised; for SOA without `serial` (that comes from the zone) */
  rdata: Record<string, unknown>;
  /** NS only: "Primary" for Dyn's own name servers, "" otherwise (§6.2) */
  serviceClass?: string;
}

export interface ZoneState {
  /** distinguishes a re-created zone from an old one of the same name (stale change sets) */
  uid: number;
  name: string;
  customer: string;
  zoneType: "Primary";
  serialStyle: SerialStyle;
  serial: number;
  defaultTtl: number;
  frozen: boolean;
  /** false until the first publish: the zone exists (GET shows it, serial 0) but is not served */
  published: boolean;
  records: Map<number, StoredRecord>;
  /** bumped whenever the published records change (invalidates sessions' cached views) */
  version: number;
  notes: { ts: number; note: string; user: string; serial: number }[];
}

export type Change =
  | { kind: "upsert"; action: "add" | "update"; record: StoredRecord; seq: number }
  | { kind: "delete"; record: StoredRecord; seq: number }
  | { kind: "settings"; serialStyle?: SerialStyle; defaultTtl?: number; seq: number };

/** One session's unpublished changes to one zone. */
export interface ChangeSet {
  zoneUid: number;
  changes: Change[];
  /** the session's view, updated incrementally while changes are appended (large batches stay linear) */
  cache?: {
    zoneVersion: number;
    changes: Change[];
    applied: number;
    records: Map<number, StoredRecord>;
    serialStyle: SerialStyle;
    defaultTtl: number;
  };
}

/** A zone as one session sees it: published data plus that session's pending changes. */
export interface ZoneView {
  zone: ZoneState;
  records: Map<number, StoredRecord>;
  serialStyle: SerialStyle;
  defaultTtl: number;
}

export interface Task {
  task_id: string;
  name: string;
  customer_name: string;
  zone_name: string;
  status: "running" | "complete";
  blocking: "Y" | "N";
  step_count: string;
  total_steps: string;
  message: string;
  debug: string;
  created_ts: string;
  modified_ts: string;
  args: { name: string; value: string }[];
}

interface StateFile {
  version: 1;
  nextRecordId: number;
  nextTaskId: number;
  zones: {
    name: string;
    customer: string;
    serialStyle: SerialStyle;
    serial: number;
    defaultTtl: number;
    frozen: boolean;
    published: boolean;
    records: StoredRecord[];
    notes?: ZoneState["notes"];
  }[];
  /** state of other parts of the emulator (Store.section), by name */
  sections?: Record<string, unknown>;
}

/** Stable "pNN" pod of a zone's Dyn name servers (§6.4 ns1..ns4.pNN.dynect.net.). */
function podOf(zone: string): string {
  let h = 0;
  for (const ch of zone) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `p${10 + (h % 90)}`;
}

/** Dyn's own records of a zone: the SOA and the four Primary NS records (§6.4). */
export function isSystemRecord(r: StoredRecord): boolean {
  return r.type === "SOA" || (r.type === "NS" && r.serviceClass === "Primary");
}

export function applyChange(records: Map<number, StoredRecord>, change: Change): void {
  if (change.kind === "upsert") records.set(change.record.id, change.record);
  else if (change.kind === "delete") records.delete(change.record.id);
}

export class Store {
  readonly zones = new Map<string, ZoneState>();
  readonly tasks = new Map<string, Task>();
  private nextRecordId = 318905321;
  private nextTaskId = 230378639;
  private nextZoneUid = 1;
  private nextSeq = 1;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly sections = new Map<string, () => unknown>();
  private loadedSections: Record<string, unknown> = {};

  constructor(private readonly stateFile?: string) {
    if (stateFile && fs.existsSync(stateFile)) this.load(stateFile);
  }

  allocateRecordId(): number {
    return this.nextRecordId++;
  }

  seq(): number {
    return this.nextSeq++;
  }

  zoneOf(customer: string, name: string): ZoneState | undefined {
    const z = this.zones.get(name);
    return z && z.customer === customer ? z : undefined;
  }

  zonesOf(customer: string): ZoneState[] {
    return [...this.zones.values()].filter((z) => z.customer === customer).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A new primary zone with its SOA and four Primary NS records (§6.4), not yet published. */
  createZone(customer: string, name: string, rname: string, ttl: number, serialStyle: SerialStyle): ZoneState {
    const pod = podOf(name);
    const zone: ZoneState = {
      uid: this.nextZoneUid++,
      name,
      customer,
      zoneType: "Primary",
      serialStyle,
      serial: 0,
      defaultTtl: ttl,
      frozen: false,
      published: false,
      records: new Map(),
      version: 0,
      notes: [],
    };
    const soa: StoredRecord = {
      id: this.allocateRecordId(),
      type: "SOA",
      fqdn: name,
      ttl,
      rdata: { mname: `ns1.${pod}.dynect.net.`, rname: mailboxName(rname), refresh: 3600, retry: 600, expire: 604800, minimum: 1800 },
    };
    zone.records.set(soa.id, soa);
    for (let i = 1; i <= 4; i++) {
      const ns: StoredRecord = {
        id: this.allocateRecordId(),
        type: "NS",
        fqdn: name,
        ttl: 86400,
        rdata: { nsdname: absoluteName(`ns${i}.${pod}.dynect.net`) },
        serviceClass: "Primary",
      };
      zone.records.set(ns.id, ns);
    }
    this.zones.set(name, zone);
    this.changed();
    return zone;
  }

  deleteZone(name: string): void {
    this.zones.delete(name);
    this.changed();
  }

  /**
   * The zone as a session sees it. Without pending changes that is the published data itself
   * (callers only read it). With pending changes the view is cached in the change set and
   * brought up to date incrementally; any publish of the zone invalidates it.
   */
  view(zone: ZoneState, changeSet: ChangeSet | undefined): ZoneView {
    const cs = changeSet && changeSet.zoneUid === zone.uid ? changeSet : undefined;
    if (!cs || cs.changes.length === 0) return { zone, records: zone.records, serialStyle: zone.serialStyle, defaultTtl: zone.defaultTtl };
    let cache = cs.cache;
    if (!cache || cache.zoneVersion !== zone.version || cache.changes !== cs.changes || cache.applied > cs.changes.length) {
      cache = { zoneVersion: zone.version, changes: cs.changes, applied: 0, records: new Map(zone.records), serialStyle: zone.serialStyle, defaultTtl: zone.defaultTtl };
      cs.cache = cache;
    }
    for (; cache.applied < cs.changes.length; cache.applied++) {
      const c = cs.changes[cache.applied];
      if (c.kind === "settings") {
        cache.serialStyle = c.serialStyle ?? cache.serialStyle;
        cache.defaultTtl = c.defaultTtl ?? cache.defaultTtl;
      } else applyChange(cache.records, c);
    }
    return { zone, records: cache.records, serialStyle: cache.serialStyle, defaultTtl: cache.defaultTtl };
  }

  /** Applies a change set atomically, bumps the serial per style and records a completed task. */
  publish(zone: ZoneState, changeSet: ChangeSet | undefined, user: string, notes?: string): { serial: number; task: Task } {
    if (changeSet && changeSet.zoneUid === zone.uid) {
      for (const c of changeSet.changes) {
        if (c.kind === "settings") {
          zone.serialStyle = c.serialStyle ?? zone.serialStyle;
          zone.defaultTtl = c.defaultTtl ?? zone.defaultTtl;
        } else applyChange(zone.records, c);
      }
      changeSet.changes = [];
      changeSet.cache = undefined;
    }
    zone.version++;
    zone.serial = nextSerial(zone.serialStyle, zone.serial);
    zone.published = true;
    zone.notes.push({ ts: Math.floor(Date.now() / 1000), note: notes ?? "", user, serial: zone.serial });
    if (zone.notes.length > 1000) zone.notes.shift();
    const task = this.createTask("ZonePublish", zone, "complete", false);
    this.changed();
    return { serial: zone.serial, task };
  }

  createTask(name: string, zone: { name: string; customer: string }, status: Task["status"], blocking: boolean): Task {
    const now = String(Math.floor(Date.now() / 1000));
    const task: Task = {
      task_id: String(this.nextTaskId++),
      name,
      customer_name: zone.customer,
      zone_name: zone.name,
      status,
      blocking: blocking ? "Y" : "N",
      step_count: status === "complete" ? "1" : "0",
      total_steps: "1",
      message: status === "complete" ? "Complete" : "Running",
      debug: "",
      created_ts: now,
      modified_ts: now,
      args: [{ name: "zone", value: zone.name }],
    };
    this.tasks.set(task.task_id, task);
    // keep the task list bounded
    if (this.tasks.size > 1000) this.tasks.delete(this.tasks.keys().next().value as string);
    return task;
  }

  completeTask(task: Task): void {
    task.status = "complete";
    task.step_count = task.total_steps;
    task.message = "Complete";
    task.modified_ts = String(Math.floor(Date.now() / 1000));
  }

  reset(): void {
    this.zones.clear();
    this.tasks.clear();
    this.changed();
  }

  /** Published data of every zone (control endpoint GET /__emulator/state). */
  snapshot(): Record<string, unknown> {
    const zones: Record<string, unknown> = {};
    for (const z of [...this.zones.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      zones[z.name] = {
        customer: z.customer,
        serial: z.serial,
        serial_style: z.serialStyle,
        zone_type: z.zoneType,
        frozen: z.frozen,
        published: z.published,
        default_ttl: z.defaultTtl,
        records: sortRecords([...z.records.values()]).map((r) => ({
          fqdn: r.fqdn,
          record_type: r.type,
          ttl: r.ttl,
          rdata: r.type === "SOA" ? { ...r.rdata, serial: z.serial } : r.rdata,
          record_id: r.id,
          ...(r.type === "NS" ? { service_class: r.serviceClass ?? "" } : {}),
        })),
      };
    }
    return { zones };
  }

  // ---- state file -------------------------------------------------------------------------

  /**
   * Lets another part of the emulator (Traffic Director) keep its state in the same file: `save`
   * is called on every save; returns what the file held for that section when loaded, if anything.
   */
  section(name: string, save: () => unknown): unknown {
    this.sections.set(name, save);
    return this.loadedSections[name];
  }

  /** Schedules a save of the state file (debounced); no-op without a state file. */
  changed(): void {
    if (!this.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow();
    }, 50);
    this.saveTimer.unref();
  }

  saveNow(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (!this.stateFile) return;
    const data: StateFile = {
      version: 1,
      nextRecordId: this.nextRecordId,
      nextTaskId: this.nextTaskId,
      zones: [...this.zones.values()].map((z) => ({
        name: z.name,
        customer: z.customer,
        serialStyle: z.serialStyle,
        serial: z.serial,
        defaultTtl: z.defaultTtl,
        frozen: z.frozen,
        published: z.published,
        records: [...z.records.values()],
        notes: z.notes,
      })),
      sections: Object.fromEntries([...this.sections].map(([name, save]) => [name, save()])),
    };
    fs.mkdirSync(path.dirname(path.resolve(this.stateFile)), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  private load(file: string): void {
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
    this.nextRecordId = Math.max(this.nextRecordId, data.nextRecordId ?? 0);
    this.nextTaskId = Math.max(this.nextTaskId, data.nextTaskId ?? 0);
    this.loadedSections = data.sections ?? {};
    for (const z of data.zones ?? []) {
      const records = new Map<number, StoredRecord>();
      for (const r of z.records) {
        records.set(r.id, r);
        this.nextRecordId = Math.max(this.nextRecordId, r.id + 1);
      }
      this.zones.set(z.name, {
        uid: this.nextZoneUid++,
        name: z.name,
        customer: z.customer,
        zoneType: "Primary",
        serialStyle: z.serialStyle,
        serial: z.serial,
        defaultTtl: z.defaultTtl,
        frozen: z.frozen,
        published: z.published,
        records,
        version: 0,
        notes: z.notes ?? [],
      });
    }
  }
}

const TYPE_ORDER = new Map<string, number>([...RECORD_TYPES.map((t, i) => [t, i] as [string, number]), ["SOA", -2], ["NS", -1]]);

/** What String.prototype.localeCompare uses, built once. */
const COLLATOR = new Intl.Collator();

/**
 * Zone-tree order: apex first, then by reversed labels; SOA, NS, then the other types; ids ascending.
 * Sorts `records` in place and returns it; each record's key is computed once.
 */
export function sortRecords(records: StoredRecord[]): StoredRecord[] {
  const keyed = records.map((r) => ({ r, name: r.fqdn.split(".").reverse().join("."), order: TYPE_ORDER.get(r.type) ?? 0 }));
  keyed.sort((a, b) => COLLATOR.compare(a.name, b.name) || a.order - b.order || a.r.id - b.r.id);
  keyed.forEach((k, i) => (records[i] = k.r));
  return records;
}

/** Names in zone-tree order (the name order of sortRecords): apex first, then by reversed labels. */
export function treeOrder(names: string[]): string[] {
  return names
    .map((n) => ({ n, key: n.split(".").reverse().join(".") }))
    .sort((a, b) => COLLATOR.compare(a.key, b.key))
    .map((k) => k.n);
}
