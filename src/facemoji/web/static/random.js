// "Surprise me": plausible random avatars. Features are sampled as the style's own
// Schema.random does (option and preset weights from the schema, scalars around the
// average face), and what makes the avatar the person's stays: colors measured on the
// photos and locked features are kept.

function weighted(items, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (let i = 0; i < items.length; i += 1) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

function normal() {  // Box–Muller
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

function sample(f) {
  if (f.kind === "choice") {
    return weighted(f.options, f.weights || f.options.map(() => 1));
  }
  if (f.kind === "scalar") {
    const [lo, hi] = f.range;
    const value = f.default + normal() * (f.spread ?? 0.18) * (hi - lo);
    return Math.round(Math.min(hi, Math.max(lo, value)) * 1000) / 1000;
  }
  if (f.follows && Math.random() < (f.follow_probability ?? 0.9)) return null;
  const ids = Object.keys(f.presets);
  const id = weighted(ids, ids.map((k) => (f.weights ? f.weights[k] : 1)));
  return f.presets[id];
}

/**
 * New values for `features` of `schema` (all of them by default): random where
 * allowed, kept where locked or measured on the photos.
 */
export function surprise(schema, values, { locks = [], measured = {}, group = null } = {}) {
  const out = { ...values };
  for (const f of schema.features) {
    if (group !== null && (f.group || "other") !== group) continue;
    if (locks.includes(f.name) || f.name in measured) continue;
    out[f.name] = sample(f);
  }
  return out;
}
