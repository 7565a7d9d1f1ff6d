/**
 * Bounded call history (dyn-python's `history`, §9) — with every secret redacted: passwords,
 * tokens and keys in arguments never reach the history.
 */
export interface HistoryEntry {
  at: string;
  method: string;
  path: string;
  args: Record<string, unknown> | undefined;
  httpStatus?: number;
  status?: string;
  jobId?: number;
  durationMs: number;
  error?: string;
}

const SECRET_KEYS = /^(password|token|auth-token|auth_token|sessionkey|session_key|key|secret)$/i;
export const REDACTED = "********";

/** Deep copy with secret-looking keys replaced by "********". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}

export class CallHistory {
  #entries: HistoryEntry[] = [];
  constructor(readonly capacity: number) {}

  add(entry: Omit<HistoryEntry, "args"> & { args?: Record<string, unknown> }): void {
    if (this.capacity <= 0) return;
    this.#entries.push({ ...entry, args: entry.args === undefined ? undefined : (redact(entry.args) as Record<string, unknown>) });
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  entries(): HistoryEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.#entries = [];
  }
}
