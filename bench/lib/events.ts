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

export interface Timeline {
  /** CLI start → first engine event (plugins, language host, program start). */
  startupMs: number;
  /** First → last step event of the preview pass, when the command had one before its last pass. */
  previewMs?: number;
  /** First → last step event of the last pass (the update/refresh/destroy, or the preview itself). */
  applyMs?: number;
  /** Last engine event → CLI exit (final snapshot write, plugin shutdown). */
  shutdownMs: number;
  /** Durations of the last pass's resource steps (pre-event → outputs), ms. */
  steps?: { count: number; medianMs: number; p90Ms: number; maxMs: number; sumMs: number; meanConcurrency: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

export function timeline(events: EngineEvent[], startedAt: number, wallMs: number): Timeline {
  const stepEvents = events.filter((e) => e.event.resourcePreEvent || e.event.resOutputsEvent);
  const lastPass = events.length ? events[events.length - 1].pass : 0;
  const planning = lastPass > 0 ? stepEvents.filter((e) => e.pass === 0) : [];
  const applying = stepEvents.filter((e) => e.pass === lastPass);
  const span = (list: EngineEvent[]) => (list.length ? list[list.length - 1].at - list[0].at : undefined);
  const began = new Map<string, number>();
  const durations: number[] = [];
  for (const e of applying) {
    const pre = e.event.resourcePreEvent;
    const out = e.event.resOutputsEvent;
    if (pre) began.set(pre.metadata.urn, e.at);
    else if (out && began.has(out.metadata.urn)) durations.push(e.at - (began.get(out.metadata.urn) as number));
  }
  durations.sort((a, b) => a - b);
  const applyMs = span(applying);
  const sumMs = durations.reduce((a, b) => a + b, 0);
  const first = events[0]?.at ?? startedAt;
  const last = events[events.length - 1]?.at ?? startedAt;
  return {
    startupMs: first - startedAt,
    previewMs: span(planning),
    applyMs,
    shutdownMs: Math.max(0, startedAt + wallMs - last),
    steps: durations.length
      ? {
          count: durations.length,
          medianMs: quantile(durations, 0.5),
          p90Ms: quantile(durations, 0.9),
          maxMs: durations[durations.length - 1],
          sumMs,
          meanConcurrency: applyMs ? sumMs / applyMs : 0,
        }
      : undefined,
  };
}
