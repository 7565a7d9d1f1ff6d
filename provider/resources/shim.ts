/**
 * The provider objects handed to `dynamic.Resource`, one per kind. Each is a module's whole
 * `module.exports` (providers/), so what is serialized into Pulumi state (`__provider`) is just
 * `require("pulumi-dyn/providers/<kind>")`: neither credentials nor zod/undici nor any logic end up in
 * state, and old state's refresh and delete run the installed code (DESIGN invariant 1).
 *
 * State written by pulumi-dyn 0.1 holds a by-value shim calling
 * `require("pulumi-dyn/runtime").dispatch(kind, op, args)` instead: runtime.ts keeps serving it.
 */
import zone = require("../providers/zone");
import record = require("../providers/record");
import recordSet = require("../providers/record-set");
import zoneRecords = require("../providers/zone-records");
import trafficDirector = require("../providers/traffic-director");
import trafficDirectorMonitor = require("../providers/traffic-director-monitor");
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./types";

/** One object per kind, reused so Pulumi's per-object serialization cache applies. */
export const SHIMS: Readonly<Record<ResourceKind, pulumi.dynamic.ResourceProvider>> = { zone, record, recordSet, zoneRecords, trafficDirector, trafficDirectorMonitor };
