/**
 * The emulator's Traffic Director state: services with their published tree and their pending
 * draft, plus the account-level monitors and notifiers.
 *
 * Pending changes (documented choice, §7.3 "TD changes create change sets that are not live until
 * publish"): each service has ONE change set, shared by every session of the customer — the
 * objects' `pending_change` is service state, not session state. Every mutation edits the draft;
 * `publish` makes the draft the published tree, `revert` copies the published tree back. Logout or
 * token expiry keep the change set (unlike zone change sets, §3.2).
 */
import { cloneTree, emptyTree, type ServiceTree } from "./model";
import type { Monitor } from "./monitor";
import type { Notifier, NotifierLink } from "./notifier";

export interface ServiceEntry {
  id: string;
  customer: string;
  /** what every read without `pending_changes=Y` sees */
  published: ServiceTree;
  /** published + pending changes; what mutations edit */
  draft: ServiceTree;
  /** false for a service POSTed without publish: its published tree is an empty shell */
  everPublished: boolean;
  /** UNIX seconds of the last publish (0 = never) */
  publishedAt: number;
  /** notifier links are immediate, outside the change set */
  links: NotifierLink[];
}

export class DsfStore {
  readonly services = new Map<string, ServiceEntry>();
  readonly monitors = new Map<string, Monitor>();
  readonly notifiers = new Map<string, Notifier>();
  /** called after every change worth saving (the state file, §persist.ts) */
  onChange: () => void = () => undefined;

  changed(): void {
    this.onChange();
  }

  /** test control: how many coming publishes fail (/__emulator/dsf-fail-publish) */
  private publishFailures = 0;

  failPublishes(count: number): void {
    this.publishFailures = count;
  }

  /** True (and one fewer left) when the next publish is to fail. */
  takePublishFailure(): boolean {
    if (this.publishFailures <= 0) return false;
    this.publishFailures--;
    return true;
  }

  service(customer: string, id: string): ServiceEntry | undefined {
    const s = this.services.get(id);
    return s && s.customer === customer ? s : undefined;
  }

  servicesOf(customer: string): ServiceEntry[] {
    return [...this.services.values()].filter((s) => s.customer === customer);
  }

  monitor(customer: string, id: string): Monitor | undefined {
    const m = this.monitors.get(id);
    return m && m.customer === customer ? m : undefined;
  }

  monitorsOf(customer: string): Monitor[] {
    return [...this.monitors.values()].filter((m) => m.customer === customer);
  }

  notifier(customer: string, id: string): Notifier | undefined {
    const n = this.notifiers.get(id);
    return n && n.customer === customer ? n : undefined;
  }

  notifiersOf(customer: string): Notifier[] {
    return [...this.notifiers.values()].filter((n) => n.customer === customer);
  }

  /** A new service with `tree` as its draft; its published tree is an empty shell until the first publish. */
  add(customer: string, tree: ServiceTree, links: NotifierLink[]): ServiceEntry {
    const entry: ServiceEntry = { id: tree.id, customer, published: emptyTree(tree.id, tree.label, tree.ttl), draft: tree, everPublished: false, publishedAt: 0, links };
    this.services.set(tree.id, entry);
    this.changed();
    return entry;
  }

  publish(entry: ServiceEntry, now: number): void {
    entry.published = cloneTree(entry.draft);
    entry.everPublished = true;
    entry.publishedAt = now;
    this.changed();
  }

  revert(entry: ServiceEntry): void {
    entry.draft = cloneTree(entry.published);
  }

  deleteService(id: string): void {
    this.services.delete(id);
    this.changed();
  }

  putMonitor(m: Monitor): void {
    this.monitors.set(m.id, m);
    this.changed();
  }

  deleteMonitor(id: string): void {
    this.monitors.delete(id);
    this.changed();
  }

  putNotifier(n: Notifier): void {
    this.notifiers.set(n.id, n);
    this.changed();
  }

  /** Deletes a notifier and its links on every service. */
  deleteNotifier(id: string): void {
    this.notifiers.delete(id);
    for (const e of this.services.values()) e.links = e.links.filter((l) => l.notifierId !== id);
    this.changed();
  }

  /** Ids of the customer's services whose published or pending record sets use the monitor. */
  servicesUsingMonitor(customer: string, monitorId: string): string[] {
    const uses = (t: ServiceTree) => [...t.recordSets.values()].some((s) => s.monitorId === monitorId);
    return this.servicesOf(customer)
      .filter((s) => uses(s.published) || uses(s.draft))
      .map((s) => s.id);
  }

  /** Ids of the services a notifier is linked to. */
  servicesLinkedTo(notifierId: string): string[] {
    return [...this.services.values()].filter((s) => s.links.some((l) => l.notifierId === notifierId)).map((s) => s.id);
  }

  /** fqdns in `zone` that published services of the customer are attached to (they exist as nodes, §7.2). */
  nodeNames(customer: string, zone: string): string[] {
    return this.servicesOf(customer).flatMap((s) => s.published.nodes.filter((n) => n.zone === zone).map((n) => n.fqdn));
  }

  reset(): void {
    this.publishFailures = 0;
    this.services.clear();
    this.monitors.clear();
    this.notifiers.clear();
  }
}
