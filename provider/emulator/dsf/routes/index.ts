/**
 * The Traffic Director resources of dynect-api.md §7.2 for the /REST/ route table. Path forms with
 * and without trailing slash are equivalent (the table ignores empty segments); ids are opaque
 * and case-sensitive. Collection vs item is decided by the number of path segments.
 */
import type { RouteDef } from "../../routes";
import { getMonitor, deleteMonitor, deleteNotifier, getNotifier, listMonitors, listNotifiers, postMonitor, postNotifier, putMonitor, putNotifier } from "./account";
import { byArity } from "./common";
import { levelRoute } from "./level";
import { CHAINS, POOLS, RECORDS, RECORD_SETS, RULESETS } from "./levels";
import { addNode, getNodes, removeNode, replaceNodes } from "./node";
import { createService, deleteService, getService, listServices, updateService } from "./service";

type H = NonNullable<RouteDef["methods"]["GET"]>;

/** A resource at `/REST/<name>/[<id>/]`: list and create without the id, read, change, delete with it. */
function rootResource(name: string, param: string, h: { list: H; get: H; post: H; put: H; del: H }): RouteDef {
  return {
    name,
    params: [param],
    minParams: 0,
    methods: {
      GET: byArity(name, "GET", 0, h.list, h.get),
      POST: byArity(name, "POST", 0, h.post),
      PUT: byArity(name, "PUT", 0, undefined, h.put),
      DELETE: byArity(name, "DELETE", 0, undefined, h.del),
    },
  };
}

export const DSF_ROUTES: readonly RouteDef[] = [
  rootResource("DSF", "service_id", { list: listServices, get: getService, post: createService, put: updateService, del: deleteService }),
  levelRoute(RULESETS),
  levelRoute(POOLS),
  levelRoute(CHAINS),
  levelRoute(RECORD_SETS),
  levelRoute(RECORDS),
  { name: "DSFNode", params: ["service_id"], minParams: 1, methods: { GET: getNodes, POST: addNode, PUT: replaceNodes, DELETE: removeNode } },
  rootResource("DSFMonitor", "dsf_monitor_id", { list: listMonitors, get: getMonitor, post: postMonitor, put: putMonitor, del: deleteMonitor }),
  rootResource("Notifier", "notifier_id", { list: listNotifiers, get: getNotifier, post: postNotifier, put: putNotifier, del: deleteNotifier }),
];
