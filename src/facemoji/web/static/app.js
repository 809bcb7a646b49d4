// facemoji page: photos in, avatar out, every feature editable. Plain JS, no build step.
"use strict";

const MAX_PHOTOS = 10;
const MAX_BYTES = 10 * 1024 * 1024;
const EXPECTED_SECONDS = { attributes: 8, greedy: 35, search: 75 };
const THUMB_CONCURRENCY = 4;
// option thumbnails of these groups zoom onto the face (a nose is tiny in a full avatar)
const FACE_GROUPS = new Set(["head", "eyes", "brows", "nose", "mouth", "ears", "skin",
  "glasses", "facial hair"]);

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
};

const state = {
  style: "facemoji",
  schema: null,       // GET /api/styles/{style}/schema
  values: {},         // the params being edited
  base: null,         // what "Reset" returns to: the generated (or default) values
  rankings: {},       // {feature: [[option, score], ...]} from generate
  measured: {},       // {color feature: "#rrggbb"} measured on the photos
  photos: [],         // File objects
  group: null,        // the editor tab shown
  svg: "",            // the SVG on screen
  generated: false,
};

// ---------------------------------------------------------------- API helpers

async function api(path, options = {}) {
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(await errorText(response));
  return response;
}

async function errorText(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (_) { /* not JSON */ }
  return `the server answered ${response.status}`;
}

function renderRequest(values, format = "svg", size = 512, crop = "none") {
  return api("/api/render", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ style: state.style, params: values, format, size, crop }),
  });
}

function toast(message) {
  const box = $("#toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

// ---------------------------------------------------------------- styles and schema

async function loadStyles() {
  const { styles } = await (await api("/api/styles")).json();
  const bar = $("#styles");
  bar.replaceChildren(...styles.map((s) => el("button", {
    type: "button", textContent: s.name, title: s.description,
    role: "radio", onclick: () => switchStyle(s.name),
  })));
  markStyle();
}

function markStyle() {
  for (const b of $("#styles").children) {
    b.setAttribute("aria-checked", String(b.textContent === state.style));
  }
}

async function switchStyle(name) {
  if (name === state.style && state.schema) return;
  const regenerate = state.generated && state.photos.length > 0;
  state.style = name;
  markStyle();
  await loadSchema();
  if (regenerate) makeAvatar();  // the same photos, in the new style
}

async function loadSchema() {
  state.schema = await (await api(`/api/styles/${encodeURIComponent(state.style)}/schema`)).json();
  const defaults = Object.fromEntries(state.schema.features.map((f) => [f.name, f.default]));
  state.values = { ...defaults };
  state.base = { ...defaults };
  state.rankings = {};
  state.measured = {};
  state.generated = false;
  $("#score").textContent = "A starting point: add photos to make it yours";
  buildTabs();
  refreshAvatar();
}

function feature(name) {
  return state.schema.features.find((f) => f.name === name);
}

function groups() {
  const seen = [];
  for (const f of state.schema.features) {
    const g = f.group || "other";
    if (!seen.includes(g)) seen.push(g);
  }
  return seen;
}

// ---------------------------------------------------------------- the avatar

let renderSeq = 0;

async function refreshAvatar() {
  const seq = ++renderSeq;
  try {
    const svg = await (await renderRequest(state.values)).text();
    if (seq === renderSeq) showSvg(svg);
  } catch (err) {
    if (seq === renderSeq) toast(err.message);
  }
}

function showSvg(svg) {
  state.svg = svg;
  const box = $("#avatar");
  box.innerHTML = svg;
  box.dataset.rendered = String(renderSeq);
}

function setValue(name, value) {
  state.values = { ...state.values, [name]: value };
  refreshAvatar();
  updateControls();
  scheduleThumbs();
}

// ---------------------------------------------------------------- editor

function buildTabs() {
  const names = groups();
  if (!names.includes(state.group)) state.group = names[0];
  $("#tabs").replaceChildren(...names.map((g) => el("button", {
    type: "button", role: "tab", textContent: g,
    onclick: () => { state.group = g; buildTabs(); },
  })));
  for (const tab of $("#tabs").children) {
    tab.setAttribute("aria-selected", String(tab.textContent === state.group));
  }
  buildPanel();
}

function buildPanel() {
  const features = state.schema.features.filter((f) => (f.group || "other") === state.group);
  $("#panel").replaceChildren(...features.map(control));
  updateControls();
  scheduleThumbs(0);
}

function control(f) {
  const head = el("div", { className: "feature-head" },
    el("h3", { textContent: f.label || f.name }), el("span", { className: "value" }));
  const box = el("div", { className: "feature", id: `f-${f.name}` }, head);
  box.dataset.feature = f.name;
  if (f.kind === "choice") box.append(choiceGrid(f));
  else if (f.kind === "scalar") box.append(slider(f));
  else box.append(colorPicker(f));
  return box;
}

function rankedOptions(f) {
  const ranking = state.rankings[f.name];
  if (!ranking) return { order: f.options, best: null, scores: {} };
  const order = ranking.map(([option]) => option).filter((o) => f.options.includes(o));
  for (const o of f.options) if (!order.includes(o)) order.push(o);
  const clear = ranking.length > 1 && ranking[0][1] > ranking[1][1];
  return { order, best: clear ? ranking[0][0] : null, scores: Object.fromEntries(ranking) };
}

function choiceGrid(f) {
  const { order, best, scores } = rankedOptions(f);
  const labels = Object.fromEntries(f.options.map((o, i) => [o, f.labels[i]]));
  return el("div", { className: "grid" }, ...order.map((option) => {
    const button = el("button", {
      type: "button", className: "option",
      title: typeof scores[option] === "number" ? `${labels[option]} · match score ${scores[option].toFixed(3)}` : labels[option],
      onclick: () => setValue(f.name, option),
    }, el("img", { alt: labels[option], loading: "lazy" }), el("span", { textContent: labels[option] }));
    button.dataset.option = option;
    if (option === best) button.append(el("b", { className: "best", textContent: "best" }));
    return button;
  }));
}

function slider(f) {
  const [lo, hi] = f.range;
  const input = el("input", {
    type: "range", className: "slider", min: lo, max: hi, step: (hi - lo) / 200,
    ariaLabel: f.label,
    oninput: () => setValue(f.name, Number(input.value)),
    ondblclick: () => setValue(f.name, f.default),
  });
  return input;
}

function resolvedColor(name) {
  const seen = new Set();
  while (state.values[name] == null && !seen.has(name)) {
    seen.add(name);
    name = feature(name).follows;
  }
  return state.values[name] || "#000000";
}

function colorPicker(f) {
  const input = el("input", {
    type: "color", ariaLabel: f.label,
    oninput: () => setValue(f.name, input.value),
  });
  const row = el("div", { className: "colors" }, input);
  if (f.follows) {
    const follow = el("button", {
      type: "button", className: "swatch follow", textContent: `same as ${feature(f.follows).label}`,
      onclick: () => setValue(f.name, null),
    });
    follow.dataset.follow = "1";
    row.append(follow);
  }
  const measured = state.measured[f.name];
  if (measured) {
    const mark = el("button", {
      type: "button", className: "swatch measured", textContent: "from your photo",
      title: `measured ${measured}`, onclick: () => setValue(f.name, measured),
    });
    mark.style.setProperty("--c", measured);
    mark.dataset.hex = measured;
    row.append(mark);
  }
  for (const [id, hex] of Object.entries(f.presets)) {
    const swatch = el("button", {
      type: "button", className: "swatch", title: id.replaceAll("_", " "),
      onclick: () => setValue(f.name, hex),
    });
    swatch.style.background = hex;
    swatch.dataset.hex = hex;
    row.append(swatch);
  }
  return row;
}

function updateControls() {
  for (const box of $("#panel").children) {
    const f = feature(box.dataset.feature);
    const value = state.values[f.name];
    const shown = box.querySelector(".value");
    if (f.kind === "choice") {
      shown.textContent = f.labels[f.options.indexOf(value)] || value;
      for (const b of box.querySelectorAll(".option")) {
        b.setAttribute("aria-pressed", String(b.dataset.option === value));
      }
    } else if (f.kind === "scalar") {
      const input = box.querySelector("input");
      if (Number(input.value) !== value) input.value = value;
      shown.textContent = Number(value).toFixed(2);
    } else {
      const hex = value == null ? resolvedColor(f.name) : value;
      box.querySelector("input").value = hex;
      shown.textContent = value == null ? `same as ${feature(f.follows).label}` : hex;
      for (const s of box.querySelectorAll(".swatch")) {
        const on = s.dataset.follow ? value == null : s.dataset.hex === value;
        s.setAttribute("aria-pressed", String(on));
      }
    }
  }
}

// ---------------------------------------------------------------- option thumbnails
// One render per option of the visible choice features: the current avatar with that
// one feature changed. Cached by params, fetched a few at a time.

const thumbCache = new Map();
const thumbQueue = [];
let thumbsRunning = 0;
let thumbTimer = null;

function scheduleThumbs(delay = 250) {
  clearTimeout(thumbTimer);
  thumbTimer = setTimeout(refreshThumbs, delay);
}

function refreshThumbs() {
  thumbQueue.length = 0;
  const crop = FACE_GROUPS.has(state.group) ? "face" : "none";
  for (const img of $("#panel").querySelectorAll(".option img")) {
    const name = img.closest(".feature").dataset.feature;
    const option = img.parentElement.dataset.option;
    const values = { ...state.values, [name]: option };
    const key = state.style + crop + JSON.stringify(values);
    const cached = thumbCache.get(key);
    if (cached) img.src = cached;
    else thumbQueue.push({ img, values, key, crop });
  }
  pumpThumbs();
}

function pumpThumbs() {
  while (thumbsRunning < THUMB_CONCURRENCY && thumbQueue.length) {
    const job = thumbQueue.shift();
    thumbsRunning += 1;
    renderRequest(job.values, "svg", 512, job.crop)
      .then((r) => r.blob())
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        thumbCache.set(job.key, url);
        if (job.img.isConnected) job.img.src = url;
      })
      .catch(() => { /* a missing thumbnail is not worth a message */ })
      .finally(() => { thumbsRunning -= 1; pumpThumbs(); });
  }
}

// ---------------------------------------------------------------- photos

function addPhotos(files) {
  for (const file of files) {
    if (state.photos.length >= MAX_PHOTOS) {
      toast(`At most ${MAX_PHOTOS} photos.`);
      break;
    }
    if (file.size > MAX_BYTES) {
      toast(`${file.name} is larger than 10 MB.`);
      continue;
    }
    state.photos.push(file);
  }
  showPhotos();
}

function showPhotos() {
  $("#photos").replaceChildren(...state.photos.map((file, i) => {
    const img = el("img", { alt: file.name, src: URL.createObjectURL(file) });
    img.onload = () => URL.revokeObjectURL(img.src);
    return el("div", { className: "photo" }, img, el("button", {
      type: "button", textContent: "×", title: `Remove ${file.name}`,
      onclick: () => { state.photos.splice(i, 1); showPhotos(); },
    }));
  }));
  const n = state.photos.length;
  $("#photo-count").textContent = n ? `${n} of ${MAX_PHOTOS}` : `up to ${MAX_PHOTOS}`;
  $("#make").disabled = n === 0;
}

function wireDrop() {
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    addPhotos([...e.dataTransfer.files].filter((f) => f.type.startsWith("image/") || !f.type));
  });
  for (const id of ["#file", "#camera"]) {
    $(id).addEventListener("change", (e) => { addPhotos([...e.target.files]); e.target.value = ""; });
  }
  // the camera button only where a camera capture is likely (phones and tablets)
  $("#camera-btn").hidden = !window.matchMedia("(pointer: coarse)").matches;
}

// ---------------------------------------------------------------- generate

function post(form, onUpload) {
  // XMLHttpRequest, not fetch: it reports upload progress
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/generate");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 200) resolve(xhr.response);
      else reject(new Error((xhr.response && xhr.response.error) || `the server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error("the server could not be reached"));
    xhr.send(form);
  });
}

function showProgress(on, method) {
  $("#progress").hidden = !on;
  $("#busy").hidden = !on;
  $("#make").disabled = on || !state.photos.length;
  clearInterval(showProgress.timer);
  if (!on) return;
  const started = performance.now();
  const expected = EXPECTED_SECONDS[method] || 30;
  const tick = () => {
    const s = (performance.now() - started) / 1000;
    // eases toward 95 % over the expected time; never claims to be done
    const pct = 95 * (1 - Math.exp(-s / (expected / 2.2)));
    $("#bar").style.width = `${pct.toFixed(1)}%`;
    const phase = s < 2 ? "Finding your face" : "Matching your features";
    $("#progress-text").textContent = `${phase}… ${Math.round(s)} s`;
    $("#busy-text").textContent = `${phase}…`;
  };
  tick();
  showProgress.timer = setInterval(tick, 250);
}

async function makeAvatar() {
  if (!state.photos.length) return;
  const method = $("#method").value;
  const form = new FormData();
  for (const file of state.photos) form.append("photos", file, file.name);
  form.append("style", state.style);
  form.append("method", method);
  $("#notes").replaceChildren();
  showProgress(true, method);
  try {
    const result = await post(form, (f) => {
      $("#progress-text").textContent = `Uploading… ${Math.round(f * 100)} %`;
    });
    if (result.style !== state.style) return;  // the style changed meanwhile
    state.values = { ...result.params.values };
    state.base = { ...state.values };
    state.rankings = result.rankings || {};
    state.measured = result.measured || {};
    state.generated = true;
    renderSeq += 1;
    showSvg(result.svg);
    $("#score").textContent = `made in ${result.seconds.toFixed(1)} s`;
    $("#notes").replaceChildren(...(result.warnings || []).map((w) => el("li", { textContent: w })));
    buildPanel();
  } catch (err) {
    toast(err.message);
  } finally {
    showProgress(false);
  }
}

// ---------------------------------------------------------------- random, reset, downloads

function randomValues() {
  const pick = (items) => items[Math.floor(Math.random() * items.length)];
  const values = {};
  for (const f of state.schema.features) {
    if (f.kind === "choice") values[f.name] = pick(f.options);
    else if (f.kind === "scalar") {
      const [lo, hi] = f.range;
      values[f.name] = Math.round((lo + (hi - lo) * (0.2 + 0.6 * Math.random())) * 1000) / 1000;
    } else if (f.follows && Math.random() < 0.8) values[f.name] = null;
    else values[f.name] = pick(Object.values(f.presets));
  }
  return values;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function onDownload(kind) {
  try {
    if (kind === "svg") download("avatar.svg", new Blob([state.svg], { type: "image/svg+xml" }));
    else if (kind === "png") download("avatar.png", await (await renderRequest(state.values, "png", 1024)).blob());
    else {
      const doc = { style: state.style, schema_version: state.schema.version, values: state.values };
      download("avatar.json", new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
    }
  } catch (err) {
    toast(err.message);
  }
}

// ---------------------------------------------------------------- start

function wire() {
  wireDrop();
  $("#make").addEventListener("click", makeAvatar);
  $("#shuffle").addEventListener("click", () => {
    state.values = randomValues();
    refreshAvatar();
    updateControls();
    scheduleThumbs(0);
  });
  $("#reset").addEventListener("click", () => {
    state.values = { ...state.base };
    refreshAvatar();
    updateControls();
    scheduleThumbs(0);
  });
  for (const b of document.querySelectorAll("[data-download]")) {
    b.addEventListener("click", () => onDownload(b.dataset.download));
  }
}

async function start() {
  wire();
  try {
    await loadStyles();
    await loadSchema();
  } catch (err) {
    toast(err.message);
  }
}

start();
