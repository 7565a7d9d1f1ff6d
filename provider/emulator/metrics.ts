/** Request counters for tests and benchmarks (GET /__emulator/metrics). */
export interface MetricsSnapshot {
  requestsTotal: number;
  /** "<METHOD> <route pattern>", e.g. "GET /REST/Zone/:zone" */
  requests: Record<string, number>;
  logins: number;
  loginFailures: number;
  logouts: number;
  publishes: Record<string, number>;
  publishesTotal: number;
  /** Traffic Director publishes (`publish: "Y"` on any DSF call) per service id */
  dsfPublishes: Record<string, number>;
  dsfPublishesTotal: number;
  /** by ERR_CD, or by HTTP status / "ECONNRESET" when there is none */
  errors: Record<string, number>;
  jobRunningReplies: number;
  rateLimited: number;
  /** a gauge, not reset: requests promoted to slow jobs that have not finished yet */
  jobsRunning: number;
}

function empty(): MetricsSnapshot {
  return {
    requestsTotal: 0,
    requests: {},
    logins: 0,
    loginFailures: 0,
    logouts: 0,
    publishes: {},
    publishesTotal: 0,
    dsfPublishes: {},
    dsfPublishesTotal: 0,
    errors: {},
    jobRunningReplies: 0,
    rateLimited: 0,
    jobsRunning: 0,
  };
}

export class Metrics {
  private m = empty();

  request(method: string, route: string): void {
    this.m.requestsTotal++;
    const k = `${method} ${route}`;
    this.m.requests[k] = (this.m.requests[k] ?? 0) + 1;
  }
  login(ok: boolean): void {
    if (ok) this.m.logins++;
    else this.m.loginFailures++;
  }
  logout(): void {
    this.m.logouts++;
  }
  publish(zone: string): void {
    this.m.publishesTotal++;
    this.m.publishes[zone] = (this.m.publishes[zone] ?? 0) + 1;
  }
  dsfPublish(serviceId: string): void {
    this.m.dsfPublishesTotal++;
    this.m.dsfPublishes[serviceId] = (this.m.dsfPublishes[serviceId] ?? 0) + 1;
  }
  error(key: string): void {
    this.m.errors[key] = (this.m.errors[key] ?? 0) + 1;
  }
  jobRunning(): void {
    this.m.jobRunningReplies++;
  }
  rateLimited(): void {
    this.m.rateLimited++;
  }
  /** The slow-job gauge: +1 when a request is promoted, -1 when its job ends (or dies in a restart). */
  jobsRunningBy(delta: number): void {
    this.m.jobsRunning += delta;
  }
  snapshot(): MetricsSnapshot {
    return JSON.parse(JSON.stringify(this.m)) as MetricsSnapshot;
  }
  reset(): void {
    this.m = { ...empty(), jobsRunning: this.m.jobsRunning };
  }
}
