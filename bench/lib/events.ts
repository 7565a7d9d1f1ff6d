/**
 * `pulumi … --event-log <file>` timing. The engine's own timestamps are whole seconds, so the file
 * is tailed while the command runs (like the Automation API does) and each event is stamped with
 * its arrival time (± one poll interval).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";

const POLL_MS = 25;

export interface EngineEvent {
  /** Arrival time, ms since the epoch. */
  at: number;
  /** 0, 1, …: the CLI's passes (the preview of an `up` is pass 0, its update pass 1). */
  pass: number;
  event: {
    resourcePreEvent?: { metadata: StepMetadata };
    resOutputsEvent?: { metadata: StepMetadata };
    summaryEvent?: unknown;
    [k: string]: unknown;
  };
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
}

/**
 * Follows `file` while the command runs. The CLI rewrites the file from the start for each pass
 * (`up` = preview pass, then update pass), so the bytes just before the read position are checked
 * on every poll: when they changed, the file is a new pass and is read again from its start.
 */
export function tailEvents(file: string): { stop(): Promise<EngineEvent[]> } {
  const events: EngineEvent[] = [];
  let fd: number | undefined;
  let pos = 0;
  let pending = "";
  let pass = 0;
  let mark: Buffer = Buffer.alloc(0);
  const CHECK = 64;
  const read = (at: number, length: number): Buffer => {
    const b = Buffer.alloc(length);
    return b.subarray(0, readSync(fd as number, b, 0, length, at));
  };
  const poll = () => {
    if (fd === undefined) {
      if (!existsSync(file)) return;
      fd = openSync(file, "r");
    }
    const size = fstatSync(fd).size;
    if (pos > 0 && (size < pos || !read(pos - mark.length, mark.length).equals(mark))) {
      pos = 0;
      pending = "";
      pass++;
    }
    if (size <= pos) return;
    const chunk = read(pos, size - pos);
    pos += chunk.length;
    mark = read(Math.max(0, pos - CHECK), Math.min(CHECK, pos));
    const at = Date.now();
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop() as string;
    for (const line of lines) {
      try {
        if (line.trim()) events.push({ at, pass, event: JSON.parse(line) });
      } catch {
        /* a line torn by a rewrite between two polls: skip it */
      }
    }
  };
  const timer = setInterval(poll, POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      poll();
      if (fd !== undefined) closeSync(fd);
      return events;
    },
  };
}

export interface StepStats {
  count: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
}

export interface Timeline {
  /** CLI start → first engine event (plugins, language host, program start). */
  startupMs: number;
  /** First → last step event of the preview pass, when the command had one before its last pass. */
  previewMs?: number;
  /** First → last step event of the last pass (the update/refresh/destroy, or the preview itself). */
  applyMs?: number;
  /**
   * Time of the last pass with no resource step in flight: the engine on its own (program
   * registrations, checkpoint writes); the rest of applyMs has at least one provider call open.
   */
  idleMs?: number;
  /** Last engine event → CLI exit (final snapshot write, plugin shutdown). */
  shutdownMs: number;
  /** Durations (pre-event → outputs) of the last pass's resource steps, by resource type. */
  steps?: Record<string, StepStats>;
  /** Mean number of resource steps in flight while at least one was. */
  meanInFlight?: number;
  slowest?: { urn: string; ms: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

/** Resource steps only: the stack and the default provider span the whole pass. */
function isResourceStep(m: StepMetadata): boolean {
  return m.type !== "pulumi:pulumi:Stack" && !m.type.startsWith("pulumi:providers:");
}

export function timeline(events: EngineEvent[], startedAt: number, wallMs: number): Timeline {
  const stepEvents = events.filter((e) => {
    const m = (e.event.resourcePreEvent ?? e.event.resOutputsEvent)?.metadata;
    return m !== undefined && isResourceStep(m);
  });
  const lastPass = events.length ? events[events.length - 1].pass : 0;
  const planning = lastPass > 0 ? stepEvents.filter((e) => e.pass === 0) : [];
  const applying = stepEvents.filter((e) => e.pass === lastPass);
  const span = (list: EngineEvent[]) => (list.length ? list[list.length - 1].at - list[0].at : undefined);
  const began = new Map<string, number>();
  const intervals: { urn: string; type: string; from: number; to: number }[] = [];
  for (const e of applying) {
    const pre = e.event.resourcePreEvent;
    const out = e.event.resOutputsEvent;
    if (pre) began.set(pre.metadata.urn, e.at);
    else if (out && began.has(out.metadata.urn)) intervals.push({ urn: out.metadata.urn, type: out.metadata.type.split(":").pop() as string, from: began.get(out.metadata.urn) as number, to: e.at });
  }
  // union of the step intervals = time with at least one step in flight
  let busy = 0;
  let end = -Infinity;
  for (const iv of [...intervals].sort((a, b) => a.from - b.from)) {
    if (iv.from > end) busy += iv.to - iv.from;
    else if (iv.to > end) busy += iv.to - end;
    end = Math.max(end, iv.to);
  }
  const byType = new Map<string, number[]>();
  for (const iv of intervals) byType.set(iv.type, [...(byType.get(iv.type) ?? []), iv.to - iv.from]);
  const steps = Object.fromEntries(
    [...byType].map(([type, d]) => {
      d.sort((a, b) => a - b);
      return [type, { count: d.length, medianMs: quantile(d, 0.5), p90Ms: quantile(d, 0.9), maxMs: d[d.length - 1] }];
    }),
  );
  const slowest = intervals.reduce<{ urn: string; ms: number } | undefined>((m, iv) => (!m || iv.to - iv.from > m.ms ? { urn: iv.urn, ms: iv.to - iv.from } : m), undefined);
  const applyMs = span(applying);
  const first = events[0]?.at ?? startedAt;
  const last = events[events.length - 1]?.at ?? startedAt;
  return {
    startupMs: first - startedAt,
    previewMs: span(planning),
    applyMs,
    idleMs: applyMs === undefined ? undefined : Math.max(0, applyMs - busy),
    shutdownMs: Math.max(0, startedAt + wallMs - last),
    steps: intervals.length ? steps : undefined,
    meanInFlight: busy > 0 ? intervals.reduce((a, iv) => a + iv.to - iv.from, 0) / busy : undefined,
    slowest,
  };
}
