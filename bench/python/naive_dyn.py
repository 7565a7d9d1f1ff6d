"""The naive baseline of bench/: dyn-python creating each record and publishing after each one.

Usage: python naive_dyn.py <host> <port> <customer> <user> <password-env-var> <records.json>
records.json: {"zones": [name, ...], "records": [{"zone", "name", "type", "ttl", "rdata"}, ...]}
(bench/lib/dataset.ts). Each zone is created first, then every record is POSTed and its zone
published, one record at a time, in the file's order. rdata field names are dyn-python's keyword
arguments (they are DynECT's, dynect-api §6.3).
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

from dyn.tm.session import DynectSession  # noqa: E402
from dyn.tm.zones import Zone  # noqa: E402

host, port, customer, user, password_env, records_file = sys.argv[1:7]
with open(records_file) as f:
    data = json.load(f)

session = DynectSession(customer, user, os.environ[password_env], host=host, port=int(port), ssl=False)
zones = {name: Zone(name, "hostmaster@" + name, ttl=3600, serial_style="increment") for name in data["zones"]}
for r in data["records"]:
    zone = zones[r["zone"]]
    # keyword arguments only: one positional argument alone does not POST in dyn-python
    zone.add_record(r["name"], r["type"], ttl=r["ttl"], **r["rdata"])
    zone.publish()
session.log_out()
print(json.dumps({"zones": len(zones), "records": len(data["records"])}))
