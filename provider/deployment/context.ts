/**
 * Process-wide state of the provider runtime: the configuration stored by `configure()` and the
 * sessions and zone batcher built from it. All resources of a deployment run in one provider
 * process and share these (pulumi-dynamic-notes §2). Nothing is created at import time.
 */
import { CONFIG_KEYS, readConfig, type ConfigSource } from "../config";
import { DynectSession, publishZone, discardZoneChanges, type SessionOptions, type ZoneInfo } from "../sdk";
import { ZoneBatcher } from "./zone-batcher";

/** Holds no credentials itself (the sessions keep what they need to log in). */
export interface ProviderContext {
  readonly batcher: ZoneBatcher<DynectSession, ZoneInfo>;
  /** The session to read a zone with (the zone's pinned session, or the least loaded one). */
  sessionFor(zone: string): DynectSession;
}

/** Snapshot of the stack config taken synchronously in configure(); plain strings only. */
let configSnapshot: Record<string, string | undefined> | undefined;
let context: ProviderContext | undefined;

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

function stackName(): string | undefined {
  const env = process.env;
  return env.PULUMI_STACK ?? env.PULUMI_NODEJS_STACK ?? env.PULUMI_NODEJS_PROJECT ?? env.PULUMI_PROJECT;
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
    stack: stackName(),
    sessionKey: config.sessionKey,
    engine: config.requestsPerMinute === undefined ? undefined : { requestsPerMinute: config.requestsPerMinute },
  };
  const sessionFor = (slot: number) => DynectSession.getOrCreate({ ...base, slot });
  const batcher = new ZoneBatcher<DynectSession, ZoneInfo>({
    maxSessions: config.maxSessions,
    sessionFor,
    ensureSession: ensureLoggedIn,
    publish: (session, zone) => publishZone(session, zone),
    discard: (session, zone) => discardZoneChanges(session, zone).then(() => undefined),
    coalesceMs: envInt("DYN_BATCH_COALESCE_MS"),
    maxCoalesceMs: envInt("DYN_BATCH_MAX_COALESCE_MS"),
  });
  context = { batcher, sessionFor: (zone) => batcher.sessionOf(zone) };
  return context;
}

/** Tuning knobs for tests and unusual deployments; undefined = the batcher's default. */
function envInt(name: string): number | undefined {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Logs a session in once (concurrent callers share it), so its epoch is set before a batch. */
const logins = new WeakMap<DynectSession, Promise<void>>();
function ensureLoggedIn(session: DynectSession): Promise<void> {
  if (session.epoch > 0) return Promise.resolve();
  let pending = logins.get(session);
  if (!pending) {
    pending = session.login().finally(() => logins.delete(session));
    logins.set(session, pending);
  }
  return pending;
}
