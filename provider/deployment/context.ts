/**
 * Process-wide state of the provider runtime: the configuration stored by `configure()` and the
 * sessions, zone batcher and zone reads built from it. All resources of a deployment run in one
 * provider process and share these (pulumi-dynamic-notes §2). Nothing is created at import time.
 */
import { CONFIG_KEYS, checkEndpointConfig, readConfig, type ConfigSource } from "../config";
import {
  DynectSession,
  discardZoneChanges,
  getAllRecords,
  isDynError,
  listRecords,
  publishZone,
  type DynRecord,
  type RecordType,
  type RetryEvent,
  type ThrottleEvent,
  type SessionOptions,
  type ZoneInfo,
} from "../sdk";
import { DeploymentActivity } from "./deployment-activity";
import { estimateEngineParallelism } from "./engine-parallelism";
import { defaultStateDir } from "../sdk/state-store";
import { CreationJournal } from "./creation-journal";
import { Progress } from "./progress";
import { restoredTokenCheck } from "./restored-token";
import { ZoneBatcher, type ReadBackKey } from "./zone-batcher";
import { ChangeRefusedError } from "../resources/errors";

/** Holds no credentials itself (the sessions keep what they need to log in). */
export interface ProviderContext {
  readonly batcher: ZoneBatcher<DynectSession, ZoneInfo, DynRecord[]>;
  /** The session to read a zone with (the zone's pinned session, or the least busy one). */
  sessionFor(zone: string): DynectSession;
  /**
   * Every record of the zone (AllRecord `detail=Y`, §5.4), read once and shared by every read of
   * the zone until this process changes it: a refresh reads each zone once, however many
   * resources live in it.
   */
  zoneRecords(zone: string): Promise<DynRecord[]>;
  /** Forgets shared reads of a zone this process changed outside a publish (a zone delete). */
  zoneChanged(zone: string): void;
  /**
   * A session for account-level work outside the zone lanes — Traffic Director services and
   * monitors, which publish per service (§7.3): the least busy logged-in one.
   */
  accountSession(): DynectSession;
  /** Creations noted before their publish, and the takeover of a crashed process's (creation-journal.ts). */
  readonly journal: CreationJournal;
}

/** Snapshot of the stack config taken synchronously in configure(); plain strings only. */
let configSnapshot: Record<string, string | undefined> | undefined;
let context: ProviderContext | undefined;
let activity: DeploymentActivity | undefined;

/**
 * Stores the stack config. Synchronous on purpose: the host caches the provider before awaiting
 * configure, so concurrent first calls must already see the config (notes §2, the race).
 * Called once per resource kind with the same config; idempotent.
 */
export function storeConfig(source: ConfigSource | undefined): void {
  const snapshot: Record<string, string | undefined> = {};
  for (const key of CONFIG_KEYS) {
    const value = source?.get(`dyn:${key}`);
    snapshot[key] = typeof value === "string" ? value : undefined;
  }
  const same = configSnapshot !== undefined && CONFIG_KEYS.every((k) => configSnapshot![k] === snapshot[k]);
  if (!same) {
    configSnapshot = snapshot;
    context = undefined;
  }
}

/** Throws the ConfigError of a stored setting that needs no credentials to be refused (config.ts `checkEndpointConfig`). */
export function checkStoredEndpoint(): void {
  const snapshot = configSnapshot ?? {};
  checkEndpointConfig({ get: (key) => snapshot[key.replace(/^dyn:/, "")] });
}

/** What this process knows about the deployment driving it (announced changes, operations in flight). */
export function deploymentActivity(): DeploymentActivity {
  if (!activity) {
    const p = estimateEngineParallelism();
    activity = new DeploymentActivity(p.value, p.source !== "default");
  }
  return activity;
}

/**
 * What tells this process's saved sessions (dyn:sessionKey) apart from other projects' on the same
 * account: the engine starts a provider with its project's name (PULUMI_PROJECT /
 * PULUMI_NODEJS_PROJECT) in the project's directory — it never says which stack runs (notes §2).
 * Stacks of one project share the saved session unless their dyn:sessionKey differs; a saved token
 * is leased to one process at a time, so sharing is safe (sdk/state-store.ts).
 */
function stateScope(): string {
  const env = process.env;
  return JSON.stringify([env.PULUMI_NODEJS_PROJECT ?? env.PULUMI_PROJECT ?? "", process.cwd()]);
}

/** The context, built on first use; throws the config error (missing credentials) if any. */
export function getContext(): ProviderContext {
  if (context) return context;
  const snapshot = configSnapshot ?? {};
  const config = readConfig({ get: (key) => snapshot[key.replace(/^dyn:/, "")] });
  const base: SessionOptions = {
    apiUrl: config.apiUrl,
    customerName: config.customerName,
    userName: config.username,
    password: config.password,
    stateScope: stateScope(),
    sessionKey: config.sessionKey,
    // DYN_JOB_DEADLINE_MS: how long a job is followed (§4), shortened by the fault suite.
    engine: { requestsPerMinute: config.requestsPerMinute, jobDeadlineMs: envInt("DYN_JOB_DEADLINE_MS") },
  };
  const sessionFor = (slot: number) => watched(DynectSession.getOrCreate({ ...base, slot }));
  const reads = new ZoneReads();
  const journal = new CreationJournal(defaultStateDir(), { apiUrl: config.apiUrl, customer: config.customerName, scope: stateScope() });
  const batcher = new ZoneBatcher<DynectSession, ZoneInfo, DynRecord[]>({
    maxSessions: config.maxSessions,
    sessionFor,
    ensureSession: ensureLoggedIn,
    prepare: restoredTokenCheck(),
    beforePublish: (_zone, keys) => journal.note(keys),
    publish: (session, zone) => {
      reads.invalidate(zone);
      return publishZone(session, zone);
    },
    discard: (session, zone) => discardZoneChanges(session, zone).then(() => undefined),
    abandonToken: (session, epoch) => session.abandonToken(epoch),
    readBack: async (session, zone, keys) => {
      const records = await readBack(session, zone, keys);
      if (keys.length > READ_BACK_PER_NODE) reads.store(zone, records);
      return records;
    },
    isOwnFault,
    onEvent: (e) => progress.batch(e),
    activity: deploymentActivity(),
    settleMs: envInt("DYN_BATCH_SETTLE_MS"),
    maxWaitMs: envInt("DYN_BATCH_MAX_WAIT_MS"),
  });
  const sessionOf = (zone: string) => batcher.sessionOf(zone);
  context = {
    batcher,
    sessionFor: sessionOf,
    zoneRecords: (zone) => reads.get(zone, () => getAllRecords(sessionOf(zone), zone)),
    zoneChanged: (zone) => reads.invalidate(zone),
    accountSession: () => batcher.leastBusySession(),
    journal,
  };
  return context;
}

/** Progress lines for the user (stderr, which `pulumi up` shows as it happens). */
const progress = new Progress();
const watchedSessions = new WeakSet<DynectSession>();

/** A session whose retries, rate-limit waits and re-logins are shown to the user (once per session). */
function watched(session: DynectSession): DynectSession {
  if (watchedSessions.has(session)) return session;
  watchedSessions.add(session);
  session.on("retry", (e: RetryEvent) => progress.retry(e));
  session.on("throttle", (e: ThrottleEvent) => progress.throttle(e));
  session.onNewToken((e) => {
    if (e.reason === "relogin") progress.relogin();
  });
  return session;
}

/** Up to this many distinct record sets, a batch reads them back one by one; above, the whole zone in one call. */
const READ_BACK_PER_NODE = 2;

/** After a publish: the records the batch's changes asked for (one read per set, or one AllRecord). */
async function readBack(session: DynectSession, zone: string, keys: ReadBackKey[]): Promise<DynRecord[]> {
  const unique = [...new Map(keys.map((k) => [`${k.fqdn} ${k.type}`, k])).values()];
  if (unique.length > READ_BACK_PER_NODE) return getAllRecords(session, zone);
  const lists = [];
  for (const k of unique) lists.push(await listRecords(session, k.type as RecordType, zone, k.fqdn));
  return lists.flat();
}

/**
 * A refusal of one change's own data, which the API answers without changing anything: bad or
 * conflicting rdata, a record that already exists or is gone, a zone that does not exist or may
 * not be edited. Such a change fails alone; the rest of its batch goes on (zone-batcher.ts).
 */
function isOwnFault(error: unknown): boolean {
  return error instanceof ChangeRefusedError || isDynError(error, ["INVALID_DATA", "TARGET_EXISTS", "NOT_FOUND", "ILLEGAL_OPERATION"]);
}

/**
 * Zone reads shared until the zone is changed: a publish by this process invalidates them, a
 * read-back of the whole zone after a publish replaces them.
 */
class ZoneReads {
  readonly #entries = new Map<string, Promise<DynRecord[]>>();

  get(zone: string, read: () => Promise<DynRecord[]>): Promise<DynRecord[]> {
    let entry = this.#entries.get(zone);
    if (!entry) {
      entry = read();
      this.#entries.set(zone, entry);
      // A failed read is not kept: the next reader tries again.
      entry.catch(() => {
        if (this.#entries.get(zone) === entry) this.#entries.delete(zone);
      });
    }
    return entry;
  }

  store(zone: string, records: DynRecord[]): void {
    this.#entries.set(zone, Promise.resolve(records));
  }

  invalidate(zone: string): void {
    this.#entries.delete(zone);
  }
}

/** Tuning knobs for tests and unusual deployments; undefined = the batcher's default. */
function envInt(name: string): number | undefined {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Logs a session in once (concurrent callers share it), so its epoch is set before a batch. */
const logins = new WeakMap<DynectSession, Promise<void>>();
function ensureLoggedIn(session: DynectSession): Promise<void> {
  if (session.loggedIn) return Promise.resolve();
  let pending = logins.get(session);
  if (!pending) {
    pending = session.login().finally(() => logins.delete(session));
    logins.set(session, pending);
  }
  return pending;
}
