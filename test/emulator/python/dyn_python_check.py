"""Drives the emulator with dyn-python (the official DynECT SDK) and prints a JSON summary.

Usage: python dyn_python_check.py <host> <port> <customer> <user> <password-env-var>
"""
import collections
import collections.abc
import json
import os
import sys
import urllib.request

# dyn-python predates Python 3.10, which removed these aliases (octodns-dyn patches them the same way)
for _name in ("Iterable", "Mapping", "MutableMapping", "Sequence", "MutableSequence", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

from dyn.tm.errors import DynectCreateError  # noqa: E402
from dyn.tm.session import DynectSession  # noqa: E402
from dyn.tm.zones import Node, Zone, get_all_zones  # noqa: E402

host, port, customer, user, password_env = sys.argv[1:6]
password = os.environ[password_env]
out = {}

session = DynectSession(customer, user, password, host=host, port=int(port), ssl=False)
out["logged_in"] = session._token is not None

zone = Zone("pyclient.test", "admin@pyclient.test", ttl=300, serial_style="increment")
out["created_serial"] = zone.serial
zone.add_record("www", "A", "192.0.2.10")
zone.add_record("www", "A", "192.0.2.11", ttl=60)
zone.add_record("", "MX", "mail.pyclient.test.", 10)
zone.add_record("", "TXT", txtdata="v=spf1 -all")  # one positional arg alone does not POST in dyn-python
zone.add_record("ftp", "CNAME", "www.pyclient.test.")
zone.add_record("_sip._tcp", "SRV", 5060, 10, "sip.pyclient.test.", 5)
zone.publish(notes="first publish from dyn-python")
out["serial_after_publish"] = zone.serial

records = zone.get_all_records()
out["types"] = sorted(k for k, v in records.items() if v)
out["a"] = sorted((r.address, r.ttl) for r in records["a_records"])
out["a_ids"] = sorted(r.record_id for r in records["a_records"])
out["mx"] = [(r.exchange, r.preference) for r in records["mx_records"]]
out["txt"] = [r.txtdata for r in records["txt_records"]]
out["cname"] = [r.cname for r in records["cname_records"]]
out["srv"] = [(r.port, r.priority, r.target, r.weight) for r in records["srv_records"]]
out["ns_count"] = len(records["ns_records"])

# update one record in place, then publish again
www_a = [r for r in records["a_records"] if r.address == "192.0.2.10"][0]
www_a.address = "192.0.2.12"
zone.publish()
node = Node("pyclient.test", "www.pyclient.test.")
again = node.get_all_records()
out["a_after_update"] = sorted(r.address for r in again["a_records"])
out["a_ids_after_update"] = sorted(r.record_id for r in again["a_records"])

# creating the same record twice is refused by the API
try:
    zone.add_record("www", "A", "192.0.2.11")
    out["duplicate_refused"] = False
except DynectCreateError as e:
    out["duplicate_refused"] = "already exists" in str(e)


def control(path, body):
    """Emulator test switch (outside /REST/), e.g. to make the next requests slow or fail."""
    req = urllib.request.Request(
        "http://{}:{}/__emulator/{}".format(host, port, path),
        data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(req).read()


# a slow AllRecord promoted to a job: dyn-python follows the 307 and polls /REST/Job/<id>
control("slow", {"mode": "redirect", "match": "AllRecord", "jobMs": 100, "count": 1})
out["a_via_job"] = sorted(r.address for r in zone.get_all_records()["a_records"])

# a connection reset: dyn-python reconnects, checks GET /REST/Session/ and retries on the same token
control("faults", {"failNext": {"count": 1, "mode": "reset-before", "match": "GET /REST/Zone/pyclient.test"}})
out["zone_after_reset"] = Zone("pyclient.test").serial

# a zone blocked by a running task: dyn-python finds `task_id: <n>` in the msgs, backs off 1 s, retries
control("block-zone", {"zone": "pyclient.test", "requests": 1, "taskName": "ProvisionZone"})
zone.publish(notes="after a blocked attempt")
out["serial_after_blocked_publish"] = zone.serial

out["zones"] = [z.name for z in get_all_zones()]
session.log_out()
out["logged_out"] = True
print(json.dumps(out))
