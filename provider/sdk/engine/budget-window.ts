/**
 * How long a sent request counts against the client-side rate budget: DynECT's minute (§3.4) plus
 * a second. The server counts a request when it arrives, latency (and queueing) after the client
 * sent it, so a window of exactly 60 s by send times lets a 301st request into the server's minute
 * now and then — one 429 and a 60 s lock-out (bench/README.md: ZoneRecords at 300/min). The second
 * costs under 2 % of the budget's throughput.
 */
export const BUDGET_WINDOW_MS = 61_000;
