// The avatar on screen: renders coalesced (one request in flight, the latest values
// next), so a slider drag sends a handful of requests instead of one per pixel.

import * as api from "./api.js";
import { presetLabel } from "./colors.js";
import { schemas, slot, state } from "./store.js";

const $ = (sel) => document.querySelector(sel);

let inFlight = false;
let pending = null;   // {style, values} waiting for the request in flight
let shown = "";       // the key of what is on screen
let onError = () => {};

export function onRenderError(fn) { onError = fn; }

/** Show `state.style`'s current values (skipped when already on screen). */
export function refresh() {
  const style = state.style;
  const values = slot(style).values;
  const key = style + JSON.stringify(values);
  if (key === shown && !inFlight) return;
  pending = { style, values, key };
  pump();
}

async function pump() {
  if (inFlight || !pending) return;
  const job = pending;
  pending = null;
  inFlight = true;
  $("#avatar").setAttribute("aria-busy", "true");
  try {
    const svg = await (await api.render(job.style, job.values)).text();
    if (job.style === state.style) show(svg, job.key);  // drags show every frame that came back
  } catch (err) {
    if (!pending) onError(err);
  } finally {
    inFlight = false;
    $("#avatar").removeAttribute("aria-busy");
    pump();
  }
}

/** Put `svg` on screen (an image with a title for assistive tech). */
export function show(svg, key = null) {
  shown = key ?? state.style + JSON.stringify(slot().values);
  state.svg = svg;
  const box = $("#avatar");
  box.innerHTML = svg;
  const root = box.querySelector("svg");
  if (root) {
    for (const t of root.querySelectorAll(":scope > title")) t.remove();
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.id = "avatar-title";
    title.textContent = describe();
    root.prepend(title);
    root.setAttribute("role", "img");
    root.setAttribute("aria-labelledby", "avatar-title");
    root.removeAttribute("width");
    root.removeAttribute("height");
  }
  box.dataset.rendered = String(Number(box.dataset.rendered || 0) + 1);
}

/** A one-line description of the avatar: "Your avatar: afro hair, round glasses, …". */
export function describe() {
  const schema = schemas[state.style];
  if (!schema) return "Your avatar";
  const values = slot().values;
  const parts = [];
  for (const name of ["hair", "eyes", "mouth", "glasses", "facial_hair", "headwear"]) {
    const f = schema.features.find((x) => x.name === name);
    const value = values[name];
    if (!f || f.kind !== "choice" || value === "none" || value === "blank") continue;
    const label = f.labels[f.options.indexOf(value)] || presetLabel(String(value));
    parts.push(`${label.toLowerCase()} ${f.label.toLowerCase().replace("facial hair", "")}`.trim());
  }
  return `Your avatar (${state.style} style): ${parts.join(", ")}`;
}
