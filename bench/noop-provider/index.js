"use strict";
/**
 * A dynamic provider that makes no calls: create/update return the inputs as outputs, read echoes
 * the state, diff compares inputs with the stored outputs. Exported as the module itself, so a
 * program passing `require("bench-noop-provider")` to dynamic.Resource is serialized as a thin
 * `require("bench-noop-provider/index.js")` (pulumi-dynamic-notes §2).
 */

/** Inputs without the serialized provider, keys sorted (the engine does not keep key order). */
function canonical(props) {
  const out = {};
  for (const key of Object.keys(props || {}).sort()) {
    if (key === "__provider") continue;
    const v = props[key];
    out[key] = v !== null && typeof v === "object" && !Array.isArray(v) ? canonical(v) : v;
  }
  return out;
}

module.exports = {
  async configure() {},
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(canonical(olds)) !== JSON.stringify(canonical(news)) };
  },
  async create(inputs) {
    return { id: [inputs.zone, inputs.name, inputs.type].filter(Boolean).join("/"), outs: canonical(inputs) };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: canonical(news) };
  },
  async delete() {},
};
