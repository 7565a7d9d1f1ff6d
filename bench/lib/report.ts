/**
 * Results: one JSON line per scenario and N in bench/results/<timestamp>.jsonl, a Markdown table
 * printed and written into bench/README.md between the results markers.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../test/helpers/packed";
import type { OpResult } from "./measure";

export interface ScenarioResult {
  scenario: string;
  label: string;
  n: number;
  zones: number;
  latencyMs: number;
  rateLimit: { perMinute: number; lockoutMs: number } | "off";
  ops: OpResult[];
  /** Facts of the setup (provider sizes, state file size, skipped ops…). */
  notes?: Record<string, unknown>;
  skipped?: string;
  error?: string;
}

export const RESULTS_DIR = join(REPO_ROOT, "bench", "results");
const README = join(REPO_ROOT, "bench", "README.md");
const BEGIN = "<!-- bench:results:begin -->";
const END = "<!-- bench:results:end -->";

export function resultsFile(startedAt: Date): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, "-")}.jsonl`);
}

export function appendResult(file: string, meta: Record<string, unknown>, result: ScenarioResult): void {
  appendFileSync(file, `${JSON.stringify({ ...meta, ...result })}\n`);
}

/** Sets ratioToOctodns on every op that octoDNS also ran (same N, op and rate limit). */
export function addOctodnsRatios(results: ScenarioResult[]): void {
  const key = (r: ScenarioResult, op: string) => `${r.n} ${op} ${r.rateLimit === "off" ? "off" : r.rateLimit.perMinute}`;
  const octo = new Map<string, number>();
  for (const r of results) if (r.scenario === "octodns" || r.scenario === "ratelimit-octodns") for (const o of r.ops) octo.set(key(r, o.op), o.wallS.median);
  for (const r of results) {
    for (const o of r.ops) {
      const base = octo.get(key(r, o.op));
      if (base) o.ratioToOctodns = Math.round((o.wallS.median / base) * 100) / 100;
    }
  }
}

function fmt(v: number | undefined, digits = 1): string {
  return v === undefined || Number.isNaN(v) ? "–" : v.toFixed(digits);
}

const OP_LABEL: Record<string, string> = { create: "create", update: "update all TTLs", noop: "no-change", refresh: "refresh", destroy: "destroy" };

export function markdownTable(results: ScenarioResult[]): string {
  const rows = [
    "| scenario | N | operation | wall s, median (min–max) | × octoDNS | req/record | requests | publishes | logins | 429s | peak RSS MB (provider / python) |",
    "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    const name = r.rateLimit === "off" ? r.label : `${r.label} @ ${r.rateLimit.perMinute}/min`;
    if (r.skipped || r.error) {
      rows.push(`| ${name} | ${r.n} | ${r.skipped ? `skipped: ${r.skipped}` : `**failed**: ${r.error?.split("\n")[0].slice(0, 120)}`} | | | | | | | | |`);
      continue;
    }
    for (const o of r.ops) {
      const w = o.wallS;
      const range = o.runs > 1 ? ` (${fmt(w.min)}–${fmt(w.max)})` : "";
      rows.push(
        `| ${name} | ${r.n} | ${OP_LABEL[o.op]} | ${fmt(w.median)}${range} | ${fmt(o.ratioToOctodns, 2)} | ${fmt(o.requestsPerRecord, 2)} | ${o.requests} | ${o.publishes} | ${o.logins} | ${o.rateLimited} | ${fmt(o.peakRssMB)} |`,
      );
    }
  }
  return rows.join("\n");
}

export function writeReadmeTable(header: string, table: string): void {
  const text = readFileSync(README, "utf8");
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`bench/README.md lacks the ${BEGIN} … ${END} markers`);
  writeFileSync(README, `${text.slice(0, begin + BEGIN.length)}\n${header}\n\n${table}\n${text.slice(end)}`);
}
