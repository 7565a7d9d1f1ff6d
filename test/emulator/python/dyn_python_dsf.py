"""Drives the emulator's Traffic Director with dyn-python's `dyn.tm.services.dsf` classes, as
released, and prints a JSON summary of what it read back.

Usage: python dyn_python_dsf.py <host> <port> <customer> <user> <password-env-var>

Path 1: the one-call `TrafficDirector(label, rulesets=[…])` with nested rulesets, pools, chains,
record sets and records. Path 2: step by step — an empty service, `DSFRuleset.create(index)`,
`DSFResponsePool.create`, `add_response_pool`, chains/record sets/records added to their parents,
monitor attach/detach through the record set setter, setters, staging with implicit publish off,
node add/remove, notifiers, reorder, deletes.
"""
import collections
import collections.abc
import json
import os
import sys

# dyn-python predates Python 3.10, which removed these aliases (octodns-dyn patches them the same way)
for _name in ("Iterable", "Mapping", "MutableMapping", "Sequence", "MutableSequence", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

from dyn.tm.errors import DynectCreateError, DynectGetError, DynectUpdateError  # noqa: E402
from dyn.tm.services.dsf import (  # noqa: E402
    DSFARecord, DSFAAAARecord, DSFCNAMERecord, DSFFailoverChain, DSFMonitor, DSFMXRecord, DSFNode,
    DSFNotifier, DSFRecordSet, DSFResponsePool, DSFRuleset, DSFTXTRecord, TrafficDirector,
    get_all_dsf_monitors, get_all_dsf_services, get_dsf_monitor, get_failover_chain, get_record,
    get_record_set, get_response_pool, get_ruleset)
from dyn.tm.session import DynectSession  # noqa: E402
from dyn.tm.zones import Zone  # noqa: E402

host, port, customer, user, password_env = sys.argv[1:6]
session = DynectSession(customer, user, os.environ[password_env], host=host, port=int(port), ssl=False)
out = {}

zone = Zone("pydsf.test", "admin@pydsf.test", ttl=300, serial_style="increment")
zone.add_record("static", "A", "192.0.2.200")
zone.publish()

monitor = DSFMonitor("www-https", "HTTPS", 2, 60, 2, port=443, path="/health", host="www.pydsf.test",
                     timeout=10, header="User-Agent: Dyn Monitor")
out["monitor_created"] = {"id_len": len(monitor.dsf_monitor_id), "port": monitor._port, "host": monitor._host,
                          "protocol": monitor.protocol, "probe_interval": monitor.probe_interval}


def pool(label, records, rdata_class="A", monitor_id=None, serve_count=1):
    record_set = DSFRecordSet(rdata_class, label=label, serve_count=serve_count, records=records,
                              dsf_monitor_id=monitor_id)
    return DSFResponsePool(label, rs_chains=[DSFFailoverChain(label, record_sets=[record_set])])


# ---- path 1: the whole service in one call ----------------------------------------------------
na = DSFRuleset("north-america", "geoip",
                [pool("na", [DSFARecord("192.0.2.1", weight=5), DSFARecord("192.0.2.2", weight=10, label="second")],
                      monitor_id=monitor.dsf_monitor_id, serve_count=2)],
                criteria={"geoip": {"region": ["11"], "country": [], "province": []}})
eu = DSFRuleset("europe", "geoip", [pool("eu", [DSFARecord("198.51.100.1")])],
                criteria={"geoip": {"country": ["DE", "FR"]}})
default = DSFRuleset("default", "always", [pool("default", [DSFARecord("203.0.113.1")])],
                     failover="backup.pydsf.test.")
td = TrafficDirector("www.pydsf.test.:A", ttl=60, nodes=[DSFNode("pydsf.test", "www.pydsf.test.")],
                     rulesets=[na, eu, default])
out["one_call"] = {
    "id_len": len(td.service_id),
    "label": td.label,
    "ttl": td.ttl,
    "rulesets": [(r.label, r._ordering, r.criteria_type, r.criteria) for r in td._rulesets],
    "pools": [[p.label for p in r.response_pools] for r in td._rulesets],
}
fresh = TrafficDirector(td.service_id)
out["one_call_read"] = {
    "nodes": fresh.nodes,
    "records": sorted((rec.address, rec.weight, rec.label) for rec in fresh.records if isinstance(rec, DSFARecord)),
    "failover": [(p.label, [(s.rdata_class, [r.cname for r in s.records]) for c in p.rs_chains for s in c.record_sets])
                 for p in fresh.rulesets[2].response_pools if p.label == "backup.pydsf.test."],
    "monitor_on_na": fresh.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].dsf_monitor_id == monitor.dsf_monitor_id,
}
all_records = td.all_records  # GET DSFRecord list, then each record by id
out["all_records"] = sorted((type(r).__name__, getattr(r, "_address", None) or getattr(r, "_cname", None)) for r in all_records)
out["all_counts"] = {"record_sets": len(td.all_record_sets), "chains": len(td.all_failover_chains),
                     "pools": len(td.all_response_pools), "rulesets": len(td.all_rulesets)}
services = {s.label: s for s in get_all_dsf_services()}
out["listed_services"] = sorted(services)
out["listed_www_rulesets"] = [r.label for r in services["www.pydsf.test.:A"]._rulesets]
mons = {m.label: m for m in get_all_dsf_monitors()}
www_mon = mons["www-https"]
out["listed_monitor"] = {"host": www_mon._host, "path": www_mon._path, "port": www_mon._port,
                         "services": www_mon._services == [td.service_id], "active": str(www_mon.active)}
out["get_monitor"] = get_dsf_monitor(monitor.dsf_monitor_id).label

# the object getters of dsf.py
na_pool = fresh.rulesets[0].response_pools[0]
na_chain = na_pool.rs_chains[0]
na_set = na_chain.record_sets[0]
na_rec = na_set.records[0]
out["getters"] = {
    "ruleset": get_ruleset(fresh.rulesets[0].ruleset_id, td).label,
    "pool": get_response_pool(na_pool.response_pool_id, td).label,
    "pool_rulesets": get_response_pool(na_pool.response_pool_id, td).ruleset_ids == [fresh.rulesets[0].ruleset_id],
    "chain": get_failover_chain(na_chain.failover_chain_id, td.service_id).label,
    "record_set": get_record_set(na_set.record_set_id, td).serve_count,
    "record": get_record(na_rec.record_id, td).address,
}

# ---- path 2: step by step ----------------------------------------------------------------------
api = TrafficDirector("api.pydsf.test.:A", ttl=120, nodes=[DSFNode("pydsf.test", "api.pydsf.test.")])
out["empty_service"] = {"rulesets": len(api.rulesets), "nodes": api.nodes}
rs_default = DSFRuleset("default", "always", [])
rs_default.create(api, index=0)
rs_geo = DSFRuleset("eu", "geoip", [], {"geoip": {"country": ["DE", "FR"]}})
rs_geo.create(api, index=0)
pool_eu = DSFResponsePool("eu-pool", rs_chains=[DSFFailoverChain("eu-chain", record_sets=[
    DSFRecordSet("A", label="eu", records=[DSFARecord("198.51.100.7")])])])
pool_eu.create(api)
pool_default = pool("default-pool", [DSFARecord("203.0.113.9")])
pool_default.create(api)
rs_geo.add_response_pool(pool_eu.response_pool_id)
rs_geo.add_response_pool(pool_default, index=999)
rs_default.add_response_pool(pool_default)
out["step_order"] = [(r.label, r._ordering, [p.label for p in r.response_pools]) for r in api.rulesets]
out["shared_pool_rulesets"] = sorted(get_response_pool(pool_default.response_pool_id, api).ruleset_ids) == sorted(
    [rs_geo.ruleset_id, rs_default.ruleset_id])

# children added to existing parents
chain2 = DSFFailoverChain("eu-chain-2")
chain2.add_to_response_pool(pool_eu)
set2 = DSFRecordSet("AAAA", label="eu-v6", serve_count=1)
set2.add_to_failover_chain(chain2)
rec_v6 = DSFAAAARecord("2001:db8::7", weight=3)
rec_v6.add_to_record_set(set2)
out["children"] = {"chains": [c.label for c in get_response_pool(pool_eu.response_pool_id, api).rs_chains],
                   "v6": [(r.address, r.weight) for r in get_record_set(set2.record_set_id, api).records]}

# monitor attach / detach through the record set setter; other setters
eu_set = get_response_pool(pool_eu.response_pool_id, api).rs_chains[0].record_sets[0]
eu_set.dsf_monitor_id = monitor.dsf_monitor_id
attached = get_record_set(eu_set.record_set_id, api).dsf_monitor_id
eu_set.label = "eu-renamed"  # dyn-python also sends "rdata": null here
eu_set.serve_count = 1
eu_set.dsf_monitor_id = ""
detached = get_record_set(eu_set.record_set_id, api)
out["monitor_setter"] = {"attached": attached == monitor.dsf_monitor_id, "detached": detached.dsf_monitor_id,
                         "label": detached.label}
try:
    eu_set.dsf_monitor_id = "no-such-monitor"
    out["unknown_monitor_refused"] = False
except Exception as e:  # DynectUpdateError
    out["unknown_monitor_refused"] = "No such monitor" in str(e)

eu_rec = detached.records[0]
eu_rec.weight = 9
eu_rec.address = "198.51.100.8"  # rdata merged on PUT
out["record_update"] = (get_record(eu_rec.record_id, api).address, get_record(eu_rec.record_id, api).weight)

# staging: implicit publish off → the PUT carries no publish, the change waits for a publish
eu_rec.implicit_publish = False
eu_rec.weight = 4
pending = TrafficDirector(api.service_id)  # reads with pending_changes=Y
pending_rec = [r for r in pending.records if r.record_id == eu_rec.record_id][0]
out["staged"] = {"published_weight": get_record(eu_rec.record_id, api).weight, "pending_read_weight": pending_rec.weight,
                 "pending_change": session.execute("/DSFRecord/{}/{}/".format(api.service_id, eu_rec.record_id), "GET",
                                                   {"pending_changes": "Y"})["data"]["pending_change"]}
api.publish()
out["staged"]["after_publish"] = get_record(eu_rec.record_id, api).weight

# dyn-python's documented example: implicit publish off, a label change is staged; refresh (a GET
# with pending_changes=Y) still reads the published label until the service is published
api.implicit_publish = False
api.label = "api-renamed"
doc = {"after_put": api.label}
api.refresh()
doc["after_refresh"] = api.label
api.publish()
doc["after_publish"] = api.label
api.implicit_publish = True
out["doc_example"] = doc

# service setters, nodes, reorder
api.ttl = 90
api.add_node(DSFNode("pydsf.test", "api2.pydsf.test."))
nodes_added = api.nodes
api.remove_node(DSFNode("pydsf.test", "api2.pydsf.test."))
out["nodes"] = {"added": nodes_added, "after_remove": api.nodes, "ttl": TrafficDirector(api.service_id).ttl}
api.order_rulesets([rs_default, rs_geo])
out["reordered"] = [r.label for r in api.rulesets]
api.revert_changes()

# notifiers
notifier = DSFNotifier("ops", recipients=["ops-contact"])
api.add_notifier(notifier)
linked = api.notifiers
out["notifier"] = {"linked": [n.label for n in linked], "link_id": bool(linked[0].link_id)}
api.del_notifier(linked[0])
out["notifier"]["after_unlink"] = len(api.notifiers)
notifier.delete()

# other record classes in a record set
mx_set = DSFRecordSet("MX", label="mx", records=[DSFMXRecord("mail.pydsf.test.", preference=10)])
mx_set.add_to_failover_chain(chain2)
txt_set = DSFRecordSet("TXT", label="txt", records=[DSFTXTRecord("hello from dyn-python")])
txt_set.add_to_failover_chain(chain2)
out["classes"] = {"mx": [(r.exchange, r.preference) for r in get_record_set(mx_set.record_set_id, api).records],
                  "txt": [r.txtdata for r in get_record_set(txt_set.record_set_id, api).records]}

# deletes: a pool leaves the rulesets that listed it; a ruleset keeps its pools
pool_eu.delete()
out["after_pool_delete"] = [(r.label, [p.label for p in r.response_pools]) for r in api.rulesets]
rs_geo.delete()
out["after_ruleset_delete"] = {"rulesets": [r.label for r in api.rulesets],
                               "pools": sorted(p.label for p in api.all_response_pools)}
try:
    get_response_pool(pool_eu.response_pool_id, api)
    out["deleted_pool_gone"] = False
except DynectGetError:
    out["deleted_pool_gone"] = True

try:
    TrafficDirector("bad/label", ttl=60)
    out["bad_label_refused"] = False
except DynectCreateError as e:
    out["bad_label_refused"] = "label" in str(e)

# a prototype passed to the one-call constructor is not the created record (dyn-python's docs)
try:
    na.response_pools[0].rs_chains[0].record_sets[0].records[0].address = "192.0.2.9"
    out["prototype_update"] = "accepted"
except DynectUpdateError as e:
    out["prototype_update"] = str(e)

api.delete()
td.delete()
try:
    td.refresh()
    out["refresh_deleted"] = "found"
except DynectGetError as e:
    out["refresh_deleted"] = str(e)
out["services_left"] = [s.label for s in get_all_dsf_services()]
monitor.delete()
out["monitors_left"] = [m.label for m in get_all_dsf_monitors()]
session.log_out()
print(json.dumps(out))
