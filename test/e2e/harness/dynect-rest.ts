/**
 * A bare DynECT REST client (dynect-api §3, §5, §6) for changes made "behind Pulumi's back": its
 * own session, plain fetch, nothing shared with the package under test.
 */
export interface RestAccount {
  customer: string;
  user: string;
  password: string;
}

export interface RestRecord {
  fqdn: string;
  record_type: string;
  ttl: number;
  rdata: Record<string, unknown>;
  record_id: number;
}

export class OutOfBandClient {
  private token: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly account: RestAccount,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/REST/${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(this.token ? { "Auth-Token": this.token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { status: string; data: T; msgs?: { INFO: string }[] };
    if (json.status !== "success") {
      throw new Error(`${method} /REST/${path} → ${res.status} ${json.status}: ${(json.msgs ?? []).map((m) => m.INFO).join("; ")}`);
    }
    return json.data;
  }

  async login(): Promise<void> {
    const data = await this.call<{ token: string }>("POST", "Session/", {
      customer_name: this.account.customer,
      user_name: this.account.user,
      password: this.account.password,
    });
    this.token = data.token;
  }

  async logout(): Promise<void> {
    if (!this.token) return;
    await this.call("DELETE", "Session/");
    this.token = undefined;
  }

  records(type: string, zone: string, fqdn: string): Promise<RestRecord[]> {
    return this.call<RestRecord[]>("GET", `${type}Record/${zone}/${fqdn}/?detail=Y`);
  }

  create(type: string, zone: string, fqdn: string, rdata: Record<string, unknown>, ttl: number): Promise<RestRecord> {
    return this.call<RestRecord>("POST", `${type}Record/${zone}/${fqdn}/`, { rdata, ttl });
  }

  update(type: string, zone: string, fqdn: string, id: number, rdata: Record<string, unknown>, ttl: number): Promise<RestRecord> {
    return this.call<RestRecord>("PUT", `${type}Record/${zone}/${fqdn}/${id}/`, { rdata, ttl });
  }

  remove(type: string, zone: string, fqdn: string, id: number): Promise<unknown> {
    return this.call("DELETE", `${type}Record/${zone}/${fqdn}/${id}/`);
  }

  /** Creates `zone` from an RFC 1035 master file (§5.5); its records are pending until publish. */
  uploadZoneFile(zone: string, file: string): Promise<unknown> {
    return this.call("POST", `ZoneFile/${zone}/`, { file });
  }

  publish(zone: string): Promise<unknown> {
    return this.call("PUT", `Zone/${zone}/`, { publish: true, notes: "out-of-band change (e2e test)" });
  }

  /** A Traffic Director call (§7.2), e.g. `dsf("PUT", "DSFRecord/<svc>/<id>/", { weight: 2, publish: "Y" })`. */
  dsf<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(method, path, body);
  }

  /** Logs in, runs `work`, publishes `zone`, logs out. */
  async change(zone: string, work: (c: OutOfBandClient) => Promise<void>): Promise<void> {
    await this.login();
    try {
      await work(this);
      await this.publish(zone);
    } finally {
      await this.logout();
    }
  }
}
