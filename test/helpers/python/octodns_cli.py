"""Runs an octoDNS command (sync, dump, …) whose Dyn provider talks to the local emulator.

Usage: python octodns_cli.py <host> <port> <octodns command> [its arguments …]
       e.g. octodns_cli.py 127.0.0.1 8080 sync --config-file config.yaml --doit

octodns-dyn builds `DynectSession(customer, username, password)` with dyn-python's defaults
(api.dynect.net, port 443, TLS); the emulator is plain HTTP on loopback, so the session class
octodns-dyn imported is replaced by one that adds host/port/ssl=False. dyn-python also predates
Python 3.10, which removed the `collections` ABC aliases it uses (octodns-dyn patches them the same
way). Nothing else is changed: octoDNS and its Dyn provider run as released.
"""
import collections
import collections.abc
import sys

for _name in ("Iterable", "Mapping", "MutableMapping", "Sequence", "MutableSequence", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

host, port, command = sys.argv[1], int(sys.argv[2]), sys.argv[3]

import dyn.tm.session  # noqa: E402
import octodns_dyn  # noqa: E402

_Original = dyn.tm.session.DynectSession


class EmulatorSession(_Original):
    def __init__(self, customer, username, password, *args, **kwargs):
        kwargs.setdefault("host", host)
        kwargs.setdefault("port", port)
        kwargs.setdefault("ssl", False)
        super().__init__(customer, username, password, *args, **kwargs)


# dyn-python's singleton registry is keyed by the class attribute __metakey__, which the subclass
# inherits: dyn-python's own DynectSession.get_session() finds the instance made here.
octodns_dyn.DynectSession = EmulatorSession

import importlib  # noqa: E402

module = importlib.import_module(f"octodns.cmds.{command}")
sys.argv = [f"octodns-{command}", *sys.argv[4:]]
sys.exit(module.main())
