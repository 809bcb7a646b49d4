// The editor: one tab per feature group; options as zoomed thumbnails, sliders, swatches.
// Built from the style's schema; every control is updated in place (focus stays put).

import * as api from "./api.js";
import { colorName, luminance, presetLabel } from "./colors.js";
import { schemas, slot, state } from "./store.js";

const $ = (sel) => document.querySelector(sel);

/** A top option is marked "best match" only with this lead over the next one, in
 *  objective units (an attribute mismatch costs 1.0; identity near-ties differ by < 0.06). */
export const CLEAR_LEAD = 0.1;
const THUMB_CONCURRENCY = 4;

// Thumbnails are framed on what the feature changes: regions of the style's face box
// (its 68-point box plus forehead), as [centre offset, side], in face-box heights.
const ZOOM = {
  hair: [-0.1, 1.95], headwear: [-0.1, 1.95], eyes: [-0.14, 0.62], brows: [-0.24, 0.62],
  glasses: [-0.13, 0.8], nose: [0.12, 0.55], mouth: [0.3, 0.55], "facial hair": [0.22, 1.0],
  head: [0, 1.35], ears: [0, 1.35], skin: [0, 1.35],
};
const FACE_MARGIN = 1.35;  // the server's face crop: 1.35 × the face box

let hooks = { change: () => {}, lockChanged: () => {}, shuffleGroup: () => {} };

/** `change(name, value, {coalesce})`, `lockChanged()` and `shuffleGroup(group)` callbacks. */
export function setHooks(h) { hooks = { ...hooks, ...h }; }

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child != null) node.append(child);
  return node;
};

function schema() { return schemas[state.style]; }
function feature(name) { return schema().features.find((f) => f.name === name); }

export function groups() {
  const seen = [];
  for (const f of schema().features) {
    const g = f.group || "other";
    if (!seen.includes(g)) seen.push(g);
  }
  return seen;
}

const title = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------- tabs

let currentGroup = null;

export function buildEditor() {
  const names = groups();
  if (!names.includes(currentGroup)) currentGroup = names[0];
  const tabs = $("#tabs");
  tabs.replaceChildren(...names.map((g) => {
    const tab = el("button", { type: "button", id: `tab-${g.replaceAll(" ", "-")}`,
      textContent: title(g), onclick: () => selectGroup(g, false) });
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", "panel");
    tab.dataset.group = g;
    return tab;
  }));
  markTabs();
  buildPanel();
}

function markTabs() {
  for (const tab of $("#tabs").children) {
    const on = tab.dataset.group === currentGroup;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  $("#panel").setAttribute("aria-labelledby", `tab-${currentGroup.replaceAll(" ", "-")}`);
}

function selectGroup(group, focus) {
  if (group !== currentGroup) {
    currentGroup = group;
    markTabs();
    buildPanel();
  }
  const tab = [...$("#tabs").children].find((t) => t.dataset.group === group);
  tab.scrollIntoView({ block: "nearest", inline: "nearest" });
  if (focus) tab.focus();
}

/** Arrow keys, Home and End move between tabs (the ARIA tabs pattern). */
export function wireTabKeys() {
  $("#tabs").addEventListener("keydown", (e) => {
    const names = groups();
    const i = names.indexOf(currentGroup);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: names.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectGroup(names[(next + names.length) % names.length], true);
  });
  const strip = $("#tabs");
  const hint = () => {  // fade the edge that has more tabs behind it
    strip.classList.toggle("more-right", strip.scrollLeft + strip.clientWidth < strip.scrollWidth - 2);
    strip.classList.toggle("more-left", strip.scrollLeft > 2);
  };
  strip.addEventListener("scroll", hint, { passive: true });
  new ResizeObserver(hint).observe(strip);
}

// ---------------------------------------------------------------- the panel

function buildPanel() {
  const features = schema().features.filter((f) => (f.group || "other") === currentGroup);
  const shuffle = el("button", { type: "button", className: "btn link small",
    textContent: `Shuffle ${currentGroup}`, onclick: () => hooks.shuffleGroup(currentGroup) });
  shuffle.dataset.shuffleGroup = currentGroup;
  const head = el("div", { className: "panel-head" }, shuffle);
  $("#panel").replaceChildren(head, ...features.map(control));
  updateControls();
  scheduleThumbs(0);
}

function control(f) {
  const headingId = `h-${f.name}`;
  const lock = el("button", { type: "button", className: "lock",
    title: "Locked features stay as they are when you shuffle" });
  lock.setAttribute("aria-label", `Lock ${f.label}`);
  lock.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="5" y="11" width="14" '
    + 'height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none"/></svg>';
  lock.addEventListener("click", () => {
    const s = slot();
    s.locks = s.locks.includes(f.name) ? s.locks.filter((n) => n !== f.name) : [...s.locks, f.name];
    hooks.lockChanged();
  });
  const head = el("div", { className: "feature-head" },
    el("h3", { id: headingId, textContent: title(f.label || f.name) }),
    el("span", { className: "value" }), lock);
  const box = el("div", { className: "feature", id: `f-${f.name}` }, head);
  box.dataset.feature = f.name;
  if (f.kind === "choice") box.append(choiceGrid(f, headingId));
  else if (f.kind === "scalar") box.append(slider(f, headingId));
  else box.append(colorPicker(f, headingId));
  return box;
}

/** The ranking of a feature's options when it means something: a clear winner. */
export function clearBest(ranking) {
  if (!ranking || ranking.length < 2) return null;
  const [[top, first], [, second]] = ranking;
  return typeof first === "number" && first - second >= CLEAR_LEAD ? top : null;
}

function radioKeys(group, columns) {
  group.addEventListener("keydown", (e) => {
    const items = [...group.querySelectorAll("[role=radio]")];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    const cols = columns();
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[e.key];
    let j = null;
    if (step !== undefined) j = Math.min(items.length - 1, Math.max(0, i + step));
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = items.length - 1;
    if (j === null) return;
    e.preventDefault();
    items[j].focus();
    items[j].click();
  });
}

function gridColumns(grid) {
  const items = grid.children;
  if (items.length < 2) return 1;
  const top = items[0].offsetTop;
  let n = 0;
  while (n < items.length && items[n].offsetTop === top) n += 1;
  return Math.max(1, n);
}

function choiceGrid(f, headingId) {
  const best = clearBest(slot().rankings[f.name]);
  const grid = el("div", { className: "grid" });
  grid.setAttribute("role", "radiogroup");
  grid.setAttribute("aria-labelledby", headingId);
  f.options.forEach((option, i) => {
    const button = el("button", { type: "button", className: "option",
      onclick: () => hooks.change(f.name, option) },
    el("img", { alt: "", loading: "lazy", decoding: "async" }),
    el("span", { textContent: title(f.labels[i]) }));
    button.setAttribute("role", "radio");
    button.dataset.option = option;
    if (option === best) button.append(el("b", { className: "best", textContent: "best match" }));
    grid.append(button);
  });
  radioKeys(grid, () => gridColumns(grid));
  return grid;
}

const SCALAR_WORDS = {
  face_width: ["narrower", "wider"], face_length: ["shorter", "longer"],
  jaw_width: ["narrower", "wider"], chin_shape: ["rounder", "more pointed"],
  cheek_fullness: ["leaner", "fuller"], eye_size: ["smaller", "larger"],
  eye_spacing: ["closer", "further apart"], eye_tilt: ["more downturned", "more upturned"],
  brow_thickness: ["thinner", "thicker"], nose_width: ["narrower", "wider"],
  nose_length: ["shorter", "longer"], mouth_width: ["narrower", "wider"],
  lip_fullness: ["thinner", "fuller"], ear_size: ["smaller", "larger"],
  hair_volume: ["flatter", "fuller"], forehead: ["lower", "higher"],
  mouth_height: ["nearer the nose", "nearer the chin"],
};

/** Words for scalars that start at none (their default is their low end), by amount. */
const AMOUNT_WORDS = {
  hair_gray: ["not graying", "a little graying", "graying", "much graying"],
};

/** "a little wider than average" (or "a little graying") for a scalar's value. */
export function scalarWords(f, value) {
  const [lo, hi] = f.range;
  const amounts = AMOUNT_WORDS[f.name];
  if (amounts) {
    const share = (value - lo) / (hi - lo);
    return amounts[share < 0.05 ? 0 : share < 0.4 ? 1 : share < 0.75 ? 2 : 3];
  }
  const t = (2 * (value - lo)) / (hi - lo) - 1;  // -1 … 1
  const [less, more] = SCALAR_WORDS[f.name] || ["less", "more"];
  const size = Math.abs(t);
  if (size < 0.08) return "average";
  const word = t < 0 ? less : more;
  const how = size < 0.35 ? "a little " : size < 0.7 ? "" : "much ";
  return `${how}${word} than average`;
}

function slider(f, headingId) {
  const [lo, hi] = f.range;
  const input = el("input", { type: "range", className: "slider", min: lo, max: hi,
    step: (hi - lo) / 200 });
  input.setAttribute("aria-labelledby", headingId);
  input.addEventListener("input", () => hooks.change(f.name, Number(input.value),
    { coalesce: f.name }));
  input.addEventListener("dblclick", () => hooks.change(f.name, f.default));
  return input;
}

function swatch(label, hex, onclick, extra = "") {
  const b = el("button", { type: "button", className: `swatch ${extra}`.trim(), onclick });
  b.setAttribute("role", "radio");
  b.setAttribute("aria-label", label);
  b.title = label;
  if (hex) {
    b.style.setProperty("--c", hex);
    b.dataset.hex = hex;
    if (luminance(hex) > 0.6) b.classList.add("light");
  }
  return b;
}

function colorPicker(f, headingId) {
  const row = el("div", { className: "colors" });  // swatches, then a custom color
  row.setAttribute("role", "radiogroup");
  row.setAttribute("aria-labelledby", headingId);
  const measured = slot().measured[f.name];
  if (f.follows) {
    const follow = swatch(`Same as ${feature(f.follows).label}`, null,
      () => hooks.change(f.name, null), "follow");
    follow.textContent = `Same as ${feature(f.follows).label}`;
    follow.dataset.follow = "1";
    row.append(follow);
  }
  if (measured) {
    const mark = swatch(`From your photo (${colorName(measured, f.presets)})`, measured,
      () => hooks.change(f.name, measured), "measured");
    mark.textContent = "From your photo";
    row.append(mark);
  }
  for (const [id, hex] of Object.entries(f.presets)) {
    row.append(swatch(presetLabel(id), hex, () => hooks.change(f.name, hex)));
  }
  radioKeys(row, () => 1);
  const custom = el("input", { type: "color", className: "custom-color" });
  custom.setAttribute("aria-label", `Custom ${f.label}`);
  custom.title = `Custom ${f.label}`;
  custom.addEventListener("input", () => hooks.change(f.name, custom.value, { coalesce: f.name }));
  row.append(custom);
  return row;
}

function resolvedColor(name) {
  const values = slot().values;
  const seen = new Set();
  while (values[name] == null && !seen.has(name)) {
    seen.add(name);
    name = feature(name).follows;
  }
  return values[name] || "#000000";
}

/** Show the current values: pressed options, slider positions, color names, locks. */
export function updateControls() {
  const s = slot();
  for (const box of $("#panel").querySelectorAll(".feature")) {
    const f = feature(box.dataset.feature);
    if (!f) continue;
    const value = s.values[f.name];
    const shown = box.querySelector(".value");
    const lock = box.querySelector(".lock");
    lock.setAttribute("aria-pressed", String(s.locks.includes(f.name)));
    if (f.kind === "choice") {
      shown.textContent = title(f.labels[f.options.indexOf(value)] || String(value));
      markRadios(box, (b) => b.dataset.option === value);
    } else if (f.kind === "scalar") {
      const input = box.querySelector("input");
      if (Number(input.value) !== value) input.value = value;
      const words = scalarWords(f, value);
      input.setAttribute("aria-valuetext", words);
      shown.textContent = words;
    } else {
      const hex = value == null ? resolvedColor(f.name) : value;
      box.querySelector("input[type=color]").value = hex;
      shown.textContent = value == null ? `Same as ${feature(f.follows).label.toLowerCase()}`
        : colorName(value, f.presets);
      markRadios(box, (b) => (b.dataset.follow ? value == null : b.dataset.hex === value));
    }
  }
}

function markRadios(box, isOn) {
  const radios = [...box.querySelectorAll("[role=radio]")];
  let any = false;
  for (const r of radios) {
    const on = isOn(r) && !any;  // one checked, even if two swatches share a color
    any = any || on;
    r.setAttribute("aria-checked", String(on));
    r.tabIndex = on ? 0 : -1;
  }
  if (!any && radios.length) radios[0].tabIndex = 0;  // the group stays reachable by Tab
}

// ---------------------------------------------------------------- option thumbnails
// One render per option of the visible choice features: the current avatar with that one
// feature changed, framed on that feature. Cached by values; fetched a few at a time.

const thumbCache = new Map();
const thumbQueue = [];
let thumbsRunning = 0;
let thumbTimer = null;

export function scheduleThumbs(delay = 350) {
  clearTimeout(thumbTimer);
  thumbTimer = setTimeout(refreshThumbs, delay);
}

function refreshThumbs() {
  thumbQueue.length = 0;
  const zoom = ZOOM[currentGroup] || null;
  const values = slot().values;
  for (const img of $("#panel").querySelectorAll(".option img")) {
    const name = img.closest(".feature").dataset.feature;
    const option = img.parentElement.dataset.option;
    const params = { ...values, [name]: option };
    const key = state.style + currentGroup + JSON.stringify(params);
    const cached = thumbCache.get(key);
    if (cached) img.src = cached;
    else thumbQueue.push({ img, params, key, zoom, style: state.style });
  }
  pumpThumbs();
}

/** `svg` framed on a region of the face crop the server made (see ZOOM). */
export function zoomSvg(svg, zoom) {
  const match = /viewBox="([^"]+)"/.exec(svg);
  if (!match || !zoom) return svg;
  const [x, y, w] = match[1].split(/[\s,]+/).map(Number);
  const faceHeight = w / FACE_MARGIN;
  const [dy, side] = [zoom[0] * faceHeight, zoom[1] * faceHeight];
  const cx = x + w / 2;
  const cy = y + w / 2 + dy;
  const box = [cx - side / 2, cy - side / 2, side, side].map((v) => v.toFixed(2)).join(" ");
  return svg.replace(match[0], `viewBox="${box}"`);
}

function pumpThumbs() {
  while (thumbsRunning < THUMB_CONCURRENCY && thumbQueue.length) {
    const job = thumbQueue.shift();
    thumbsRunning += 1;
    api.render(job.style, job.params, { crop: job.zoom ? "face" : "none" })
      .then((r) => r.text())
      .then((svg) => {
        const blob = new Blob([zoomSvg(svg, job.zoom)], { type: "image/svg+xml" });
        const url = URL.createObjectURL(blob);
        thumbCache.set(job.key, url);
        if (job.img.isConnected) job.img.src = url;
      })
      .catch(() => { /* a missing thumbnail is not worth a message */ })
      .finally(() => { thumbsRunning -= 1; pumpThumbs(); });
  }
}

export function currentTab() { return currentGroup; }
