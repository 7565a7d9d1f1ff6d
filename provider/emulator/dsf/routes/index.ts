/**
 * The Traffic Director resources of dynect-api.md §7.2 for the /REST/ route table. Path forms with
 * and without trailing slash are equivalent (the table ignores empty segments); ids are opaque
 * and case-sensitive. Collection vs item is decided by the number of path segments.
 */
import type { RouteDef } from "../../routes";
import { getMonitor, deleteMonitor, deleteNotifier, getNotifier, listMonitors, listNotifiers, postMonitor, postNotifier, putMonitor, putNotifier } from "./account";
import * as cr from "./chains-records";
import { byArity } from "./common";
import { addNode, getNodes, removeNode, replaceNodes } from "./node";
import * as rp from "./rulesets-pools";
import { createService, deleteService, getService, listServices, updateService } from "./service";

/** A service-scoped resource `/<name>/<service_id>/[<id>/]`. */
function scoped(name: string, h: { list: RouteDef["methods"]["GET"]; get: RouteDef["methods"]["GET"]; post: RouteDef["methods"]["POST"]; put: RouteDef["methods"]["PUT"]; del: RouteDef["methods"]["DELETE"] }, postWithParent = false): RouteDef {
  return {
    name,
    params: ["service_id", "id"],
    minParams: 1,
    methods: {
      GET: byArity(name, "GET", 1, h.list, h.get),
      // a 3-segment POST names the parent (pool of a chain, record set of a record), §7.2
      POST: postWithParent ? h.post : byArity(name, "POST", 1, h.post),
      PUT: byArity(name, "PUT", 1, undefined, h.put),
      DELETE: byArity(name, "DELETE", 1, undefined, h.del),
    },
  };
}

export const DSF_ROUTES: readonly RouteDef[] = [
  {
    name: "DSF",
    params: ["service_id"],
    minParams: 0,
    methods: {
      GET: byArity("DSF", "GET", 0, listServices, getService),
      POST: byArity("DSF", "POST", 0, createService),
      PUT: byArity("DSF", "PUT", 0, undefined, updateService),
      DELETE: byArity("DSF", "DELETE", 0, undefined, deleteService),
    },
  },
  scoped("DSFRuleset", { list: rp.listRulesets, get: rp.getRuleset, post: rp.createRuleset, put: rp.putRuleset, del: rp.deleteRuleset }),
  scoped("DSFResponsePool", { list: rp.listPools, get: rp.getPool, post: rp.createPool, put: rp.putPool, del: rp.deletePoolRoute }),
  scoped("DSFRecordSetFailoverChain", { list: cr.listChains, get: cr.getChain, post: cr.createChain, put: cr.putChain, del: cr.deleteChainRoute }, true),
  scoped("DSFRecordSet", { list: cr.listRecordSets, get: cr.getRecordSet, post: cr.createRecordSet, put: cr.putRecordSet, del: cr.deleteRecordSetRoute }),
  scoped("DSFRecord", { list: cr.listRecords, get: cr.getRecord, post: cr.createRecord, put: cr.putRecord, del: cr.deleteRecordRoute }, true),
  { name: "DSFNode", params: ["service_id"], minParams: 1, methods: { GET: getNodes, POST: addNode, PUT: replaceNodes, DELETE: removeNode } },
  {
    name: "DSFMonitor",
    params: ["dsf_monitor_id"],
    minParams: 0,
    methods: {
      GET: byArity("DSFMonitor", "GET", 0, listMonitors, getMonitor),
      POST: byArity("DSFMonitor", "POST", 0, postMonitor),
      PUT: byArity("DSFMonitor", "PUT", 0, undefined, putMonitor),
      DELETE: byArity("DSFMonitor", "DELETE", 0, undefined, deleteMonitor),
    },
  },
  {
    name: "Notifier",
    params: ["notifier_id"],
    minParams: 0,
    methods: {
      GET: byArity("Notifier", "GET", 0, listNotifiers, getNotifier),
      POST: byArity("Notifier", "POST", 0, postNotifier),
      PUT: byArity("Notifier", "PUT", 0, undefined, putNotifier),
      DELETE: byArity("Notifier", "DELETE", 0, undefined, deleteNotifier),
    },
  },
];
