/** Shared set-up for SDK tests: a real emulator over HTTP and fast engine settings. */
import { randomBytes } from "node:crypto";
import { startEmulator, type RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, closeTransports, createZone, publishZone, type EngineOptions, type SessionOptions } from "../../provider/sdk/index";

export const ACCOUNT = { customer: "acme", user: "ops", password: "S3cret-pa55word!" };

/** Real policies, short waits: the whole layer runs in well under a minute. */
export const FAST: Partial<EngineOptions> = {
  delayScale: 0.01,
  jobPollInitialMs: 20,
  jobPollMaxMs: 100,
  jobDeadlineMs: 10_000,
  requestTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  logoutTimeoutMs: 1_000,
  requestsPerMinute: 0,
  historySize: 100,
};

export async function emulator(extra: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  return startEmulator({ accounts: [ACCOUNT], ...extra });
}

export function sessionOptions(emu: RunningEmulator, over: Partial<SessionOptions> = {}): SessionOptions {
  return {
    apiUrl: emu.url,
    customerName: ACCOUNT.customer,
    userName: ACCOUNT.user,
    password: ACCOUNT.password,
    stack: `test-${randomBytes(4).toString("hex")}`,
    sessionKey: "", // no persisted state unless a test asks for it
    ...over,
    engine: { ...FAST, ...over.engine },
  };
}

/** Closes every session of this thread, the emulator and the pooled connections. */
export async function teardown(emu: RunningEmulator | undefined): Promise<void> {
  await DynectSession.closeAll();
  await closeTransports();
  await emu?.close();
}

export function uniqueZone(prefix = "z"): string {
  return `${prefix}-${randomBytes(3).toString("hex")}.test`;
}

/** Runs `fn` and returns what it threw (fails when it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

/**
 * A clean slate for one test: every session closed, emulator state and faults reset, a new session
 * and — unless `createZone: false` — a new published zone named after `prefix`; metrics reset last.
 */
export async function freshSession(
  emu: RunningEmulator,
  prefix: string,
  opts: { createZone?: boolean; session?: Partial<SessionOptions> } = {},
): Promise<{ s: DynectSession; zone: string }> {
  await DynectSession.closeAll();
  emu.control.reset();
  const s = DynectSession.getOrCreate(sessionOptions(emu, opts.session));
  const zone = uniqueZone(prefix);
  if (opts.createZone !== false) {
    await createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
    await publishZone(s, zone);
    emu.control.resetMetrics();
  }
  return { s, zone };
}
