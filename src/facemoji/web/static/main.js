// facemoji page: photos in, avatar out, every feature editable, nothing lost.
// Plain ES modules, no build step. The store (store.js) holds everything; this module
// wires it to the page and runs the jobs that make avatars.

import * as api from "./api.js";
import * as editor from "./editor.js";
import * as exporter from "./export.js";
import * as photos from "./photos.js";
import * as preview from "./preview.js";
import { surprise } from "./random.js";
import {
  blobs, changed, clearAll, edit, load, loadPhotoBlobs, redo, save, schemas, setValue, slot,
  state, subscribe, undo,
} from "./store.js";

const $ = (sel) => document.querySelector(sel);
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

let config = null;  // GET /api/config

const STEP_WORDS = {
  uploading: "Sending your photos", queued: "Waiting for a free worker",
  detecting: "Finding your face", measuring: "Measuring your features",
  fitting: "Fitting the avatar", rendering: "Drawing it",
};
const STEPS = ["detecting", "measuring", "fitting", "rendering"];

// ---------------------------------------------------------------- notes

/** A message under the photos: `kind` info, warn or error; `actions` [{label, run}]. */
function note(text, kind = "info", actions = []) {
  const list = $("#notes");
  for (const li of list.children) if (li.dataset.text === text) li.remove();
  const li = document.createElement("li");
  li.className = kind;
  li.dataset.text = text;
  const span = document.createElement("span");
  span.textContent = text;
  li.append(span);
  for (const { label, run } of actions) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn link small";
    b.textContent = label;
    b.addEventListener("click", () => { li.remove(); run(); });
    li.append(b);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "dismiss";
  close.setAttribute("aria-label", "Dismiss this message");
  close.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7 7 17"/></svg>';
  close.addEventListener("click", () => { li.remove(); $("#make").focus(); });
  li.append(close);
  list.append(li);
}

function clearNotes() { $("#notes").replaceChildren(); }

// ---------------------------------------------------------------- schemas and styles

async function ensureSchema(style) {
  if (!schemas[style]) {
    schemas[style] = await api.getJson(`/api/styles/${encodeURIComponent(style)}/schema`);
  }
  return schemas[style];
}

function styleNames() {
  return (config.styles || []).map((s) => (typeof s === "string" ? s : s.name));
}

function buildStyles() {
  const box = $("#styles");
  box.querySelectorAll("label").forEach((l) => l.remove());
  for (const name of styleNames()) {
    const input = Object.assign(document.createElement("input"), {
      type: "radio", name: "style", value: name, className: "sr-only" });
    input.addEventListener("change", () => switchStyle(name));
    const label = document.createElement("label");
    label.append(input, name.charAt(0).toUpperCase() + name.slice(1));
    box.append(label);
  }
}

function markStyle() {
  for (const input of $("#styles").querySelectorAll("input")) {
    input.checked = input.value === state.style;
  }
}

async function switchStyle(name) {
  if (name === state.style) return;
  try {
    await ensureSchema(name);
  } catch (err) {
    note(err.message, "error");
    markStyle();
    return;
  }
  state.style = name;
  slot(name);
  changed("style");
  editor.buildEditor();
  preview.refresh();
  const anyMade = Object.values(state.slots).some((s) => s.made);
  if (!slot(name).made && !state.job && anyMade && photos.usable().length) {
    make();  // the same photos, in this style too; the other styles keep their edits
  }
}

// ---------------------------------------------------------------- methods

function buildMethods() {
  const box = $("#methods");
  box.querySelectorAll("label").forEach((l) => l.remove());
  for (const m of config.methods) {
    const input = Object.assign(document.createElement("input"), {
      type: "radio", name: "method", value: m.name, className: "sr-only" });
    input.addEventListener("change", () => { state.method = m.name; changed("method"); });
    const label = document.createElement("label");
    const [name, how] = splitLabel(m);
    const strong = document.createElement("strong");
    strong.textContent = name;
    const detail = document.createElement("small");
    detail.className = "how";
    detail.textContent = how;
    const time = document.createElement("small");
    time.textContent = seconds(m.typical_seconds);
    label.append(input, strong, detail, time);
    label.dataset.method = m.name;
    box.append(label);
  }
  markMethod();
}

function seconds(s) {
  if (typeof s !== "number") return "";
  if (s < 1.5) return "about a second";
  if (s < 90) return `about ${Math.round(s)} s`;
  return `about ${Math.round(s / 60)} min`;
}

/** "Quick: from measurements only" → ["Quick", "from measurements only"]. */
function splitLabel(m) {
  const [name, ...how] = (m.label || m.name).split(": ");
  return [name, how.join(": ")];
}

function methodLabel(name) {
  const m = config && config.methods.find((x) => x.name === name);
  return m ? splitLabel(m)[0] : name;
}

function currentMethod() {
  const names = config.methods.map((m) => m.name);
  return names.includes(state.method) ? state.method : config.default_method;
}

function markMethod() {
  for (const input of $("#methods").querySelectorAll("input")) {
    input.checked = input.value === currentMethod();
  }
}

// ---------------------------------------------------------------- making an avatar

let ticker = null;

function showProgress(status) {
  const job = state.job;
  $("#progress").hidden = false;
  $("#busy").hidden = job && job.style !== state.style;
  const step = status.step || status.state || "queued";
  const words = STEP_WORDS[step] || "Working";
  const pct = Math.round(100 * Math.max(0, Math.min(1, status.progress || 0)));
  const bar = $("#bar");
  bar.firstElementChild.style.width = `${pct}%`;
  bar.setAttribute("aria-valuenow", String(pct));
  bar.setAttribute("aria-valuetext", `${words}, ${pct}%`);
  const at = STEPS.indexOf(step);
  for (const li of $("#steps").children) {
    const i = STEPS.indexOf(li.dataset.step);
    li.className = at < 0 ? "" : i < at ? "done" : i === at ? "now" : "";
  }
  $("#busy-text").textContent = `${words}…`;
  progressWords = words;
  tick();
}

let progressWords = "";

function tick() {
  if (!state.job) return;
  const s = Math.max(0, (Date.now() - state.job.startedAt) / 1000);
  const where = state.job.style !== state.style ? ` (${state.job.style} style)` : "";
  $("#progress-text").textContent = `${progressWords}${where}… ${Math.round(s)} s`;
}

function showRunning(on) {
  $("#make").hidden = on;
  $("#cancel").hidden = !on;
  if (!on) {
    $("#progress").hidden = true;
    $("#busy").hidden = true;
    clearInterval(ticker);
  } else {
    clearInterval(ticker);
    ticker = setInterval(tick, 500);
  }
  updateMake();
}

function updateMake() {
  const n = photos.usable().length;
  const make = $("#make");
  make.disabled = n === 0;
  make.textContent = slot().made ? "Make it again" : "Make my avatar";
}

async function make() {
  const chosen = photos.usable();
  if (!chosen.length) return;
  const running = $("#make") === document.activeElement;
  await cancelRunning(false);
  const style = state.style;
  const job = { id: null, style, method: currentMethod(), photoIds: chosen.map((p) => p.id),
    startedAt: Date.now(), startValues: { ...slot(style).values } };
  state.job = job;
  for (const p of state.photos) p.run = null;
  clearNotes();
  changed("job");
  showRunning(true);
  if (running) $("#cancel").focus();
  showProgress({ step: "uploading", progress: 0 });
  try {
    const sent = chosen.map((p) => ({ name: p.name, blob: blobs.get(p.id) }));
    const reply = await api.startJob(sent, { style, method: job.method, seed: 0 }, (f) => {
      if (state.job === job) showProgress({ step: "uploading", progress: 0.05 * f });
    });
    if (state.job !== job) { api.cancelJob(reply.id); return; }
    job.id = reply.id;
    save();
    poll(job);
  } catch (err) {
    if (state.job !== job) return;
    state.job = null;
    showRunning(false);
    note(err.message, "error", [{ label: "Try again", run: make }]);
    changed("job");
  }
}

/** Follow a job until it ends (also after a reload: the job's id is in the store). */
async function poll(job) {
  let failures = 0;
  showRunning(true);
  while (state.job === job) {
    let status;
    try {
      status = await api.jobStatus(job.id);
      failures = 0;
    } catch (err) {
      if (state.job !== job) return;
      if (err.status === 404) {
        state.job = null;
        showRunning(false);
        note("The server no longer has this run (it may have restarted).", "warn",
          [{ label: "Make it again", run: make }]);
        changed("job");
        return;
      }
      failures += 1;
      $("#progress-text").textContent = err.status === 0
        ? "Lost the server; trying again…" : err.message;
      if (failures > 20) {
        state.job = null;
        showRunning(false);
        note(err.message, "error", [{ label: "Try again", run: make }]);
        changed("job");
        return;
      }
      await sleep(1000);
      continue;
    }
    if (state.job !== job) return;
    if (status.state === "done") return finish(job, status);
    if (status.state === "failed" || status.state === "cancelled") return fail(job, status);
    showProgress(status);
    await sleep(400);
  }
}

function outcomeNotes(job, status) {
  photos.markRun(job.photoIds, status.photos || (status.result && status.result.photos));
  const skipped = (status.photos || []).filter((p) => p.status === "skipped");
  if (skipped.length) {
    note(`${skipped.length === 1 ? "1 photo was" : `${skipped.length} photos were`} skipped: `
      + `${skipped.map((p) => `${p.name} (${p.error || "not usable"})`).join(", ")}.`, "warn");
  }
}

async function finish(job, status) {
  state.job = null;
  showRunning(false);
  const doc = status.result;
  outcomeNotes(job, status);
  await ensureSchema(job.style);
  const s = slot(job.style);
  const generated = { ...doc.params.values };
  // edits made while the job ran win over what it found, and the user is told
  const edited = Object.keys(generated).filter(
    (k) => JSON.stringify(s.values[k]) !== JSON.stringify(job.startValues[k]));
  const values = { ...generated };
  for (const k of edited) values[k] = s.values[k];
  edit(values, { style: job.style });
  s.base = generated;
  s.rankings = doc.rankings || {};
  s.measured = doc.measured || {};
  const used = (status.photos || []).filter((p) => p.status === "used");
  s.made = { seconds: (Date.now() - job.startedAt) / 1000, method: job.method,
    used: used.length || job.photoIds.length, total: job.photoIds.length,
    photoId: job.photoIds[(status.photos || []).findIndex((p) => p.status === "used")]
      || job.photoIds[0] };
  for (const w of doc.warnings || []) note(w, "warn");
  if (edited.length) {
    const names = edited.map((k) => featureLabel(job.style, k)).join(", ");
    note(`Kept your changes made while it ran (${names}).`, "info", [{
      label: "Use the generated ones", run: () => {
        edit({ ...slot(job.style).values, ...Object.fromEntries(edited.map((k) => [k, generated[k]])) },
          { style: job.style });
        afterEdit(true);
      } }]);
  }
  const added = photos.usable().filter((p) => !job.photoIds.includes(p.id));
  if (added.length) {
    note(`${added.length} photo${added.length > 1 ? "s were" : " was"} added after this run `
      + "started.", "info", [{ label: "Make it again with all", run: make }]);
  }
  if (job.style !== state.style) {
    note(`Your ${job.style} avatar is ready.`, "info",
      [{ label: `Show ${job.style}`, run: () => switchStyle(job.style) }]);
  } else {
    if (!edited.length && doc.svg) preview.show(doc.svg);
    else preview.refresh();
    rebuildKeepingFocus();
  }
  changed("result");
}

function fail(job, status) {
  state.job = null;
  showRunning(false);
  outcomeNotes(job, status);
  if (status.state === "cancelled") note("Cancelled.", "info");
  else {
    const message = (status.error && status.error.message) || "the avatar could not be made";
    note(message, "error", [{ label: "Try again", run: make }]);
  }
  changed("job");
}

async function cancelRunning(tell = true) {
  const job = state.job;
  if (!job) return;
  state.job = null;
  if (job.id) api.cancelJob(job.id);
  showRunning(false);
  if (tell) note("Cancelled.", "info");
  changed("job");
}

function featureLabel(style, name) {
  const f = schemas[style] && schemas[style].features.find((x) => x.name === name);
  return f ? f.label.toLowerCase() : name;
}

function rebuildKeepingFocus() {
  const active = document.activeElement;
  const feature = active && active.closest && active.closest(".feature");
  const option = active && active.dataset && active.dataset.option;
  editor.buildEditor();
  if (feature) {
    const again = document.querySelector(
      `.feature[data-feature="${feature.dataset.feature}"] ${option ? `[data-option="${option}"]` : "[tabindex='0']"}`);
    if (again) again.focus();
  }
}

// ---------------------------------------------------------------- edits

/** After the values changed: the avatar, the controls, the thumbnails, the store. */
function afterEdit(thumbsNow = false) {
  preview.refresh();
  editor.updateControls();
  editor.scheduleThumbs(thumbsNow ? 0 : 350);
  changed("values");
}

function change(name, value, options = {}) {
  setValue(name, value, options);
  afterEdit();
}

function doUndo() { if (undo()) afterEdit(true); }
function doRedo() { if (redo()) afterEdit(true); }

function updateHistoryButtons() {
  const s = slot();
  $("#undo").disabled = !s.history.length;
  $("#redo").disabled = !s.future.length;
}

// ---------------------------------------------------------------- the stage

function updateStage() {
  const s = slot();
  const made = s.made;
  $("#made").textContent = made
    ? `Made from ${made.used === made.total ? made.total : `${made.used} of ${made.total}`} `
      + `photo${made.total > 1 ? "s" : ""} in ${made.seconds.toFixed(1)} s `
      + `(${methodLabel(made.method).toLowerCase()}).`
    : state.photos.length ? "Press Make my avatar to make it yours."
      : "A starting point: add a photo to make it yours.";
  const photoId = (made && state.photos.some((p) => p.id === made.photoId) && made.photoId)
    || (photos.usable()[0] && photos.usable()[0].id);
  const url = photoId && photos.thumbUrl(photoId);
  $("#toggle-photo").hidden = !url;
  $("#toggle-photo").setAttribute("aria-pressed", String(state.showPhoto));
  $("#inset").hidden = !url || !state.showPhoto;
  if (url && $("#inset-img").getAttribute("src") !== url) $("#inset-img").src = url;
  updateHistoryButtons();
  updateMake();
}

// ---------------------------------------------------------------- export

function buildExport() {
  const row = $("#size-row");
  for (const size of exporter.SIZES) {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), {
      type: "radio", name: "size", value: String(size), checked: size === 512 });
    label.append(input, ` ${size}`);
    row.append(label);
  }
  const form = $("#export-form");
  form.addEventListener("change", () => exportOptionsChanged());
  $("#export-open").addEventListener("click", () => {
    $("#export").showModal();
    exportOptionsChanged();
  });
  $("#export").addEventListener("close", () => $("#export-open").focus());
  $("#export-go").addEventListener("click", () => runExport("download"));
  $("#copy-image").addEventListener("click", () => runExport("copy"));
}

function exportChoice() {
  const form = $("#export-form");
  return { format: form.elements.format.value, size: Number(form.elements.size.value),
    transparent: $("#transparent").checked };
}

async function exportOptionsChanged() {
  const { format, transparent } = exportChoice();
  $("#size-row").hidden = format === "svg" || format === "json";
  $("#transparent-row").hidden = format !== "png";
  $("#copy-image").hidden = format === "json" || format === "svg";
  $("#export-note").textContent = {
    png: transparent ? "A transparent PNG." : "A PNG on a white background.",
    sticker: "A transparent PNG with a white outline, for chats.",
    svg: "Vector: sharp at any size.",
    json: "Every feature: open it here again, or use facemoji render --params.",
  }[format];
  const c = $("#export-preview");
  const ctx = c.getContext("2d");
  ctx.clearRect(0, 0, c.width, c.height);
  c.hidden = format === "json";
  if (format === "json" || !state.svg) return;
  try {
    const art = await pngCanvas(c.width);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.drawImage(art, 0, 0);
  } catch (_) { /* the preview is a nicety */ }
}

function pngCanvas(size) {
  const { format, transparent } = exportChoice();
  if (format === "sticker") return exporter.sticker(state.svg, size);
  return exporter.rasterize(state.svg, size, transparent ? null : "#ffffff");
}

async function runExport(how) {
  const { format, size } = exportChoice();
  const base = `avatar-${state.style}`;
  try {
    if (how === "copy") {
      await exporter.copyImage(async () => exporter.toBlob(await pngCanvas(size)));
      $("#export-note").textContent = "Copied: paste it into a chat or a document.";
      return;
    }
    if (format === "svg") {
      exporter.download(`${base}.svg`, new Blob([state.svg], { type: "image/svg+xml" }));
    } else if (format === "json") {
      const text = JSON.stringify(exporter.paramsDocument(), null, 2);
      exporter.download(`${base}.json`, new Blob([text], { type: "application/json" }));
    } else {
      const name = format === "sticker" ? `${base}-sticker-${size}.png` : `${base}-${size}.png`;
      exporter.download(name, await exporter.toBlob(await pngCanvas(size)));
    }
    $("#export-note").textContent = "Downloaded.";
  } catch (err) {
    $("#export-note").textContent = err.message;
  }
}

// ---------------------------------------------------------------- share links and files

async function openValues(style, values, message) {
  await ensureSchema(style);
  state.style = style;
  markStyle();
  const before = JSON.stringify(slot(style).values);
  if (JSON.stringify(values) !== before) edit(values, { style });
  editor.buildEditor();
  afterEdit(true);
  note(message, "info", JSON.stringify(values) !== before && slot(style).history.length
    ? [{ label: "Undo", run: doUndo }] : []);
}

async function openShareLink() {
  const shared = exporter.parseShare(location.hash);
  if (!shared) return;
  history.replaceState(null, "", location.pathname + location.search);
  if (!styleNames().includes(shared.style)) {
    note(`This link is for a style this server does not have (${shared.style}).`, "error");
    return;
  }
  const schema = await ensureSchema(shared.style);
  const { values, rejected } = exporter.valuesFromEntries(schema, shared.entries);
  await openValues(shared.style, values, "Opened a shared avatar.");
  if (rejected.length) note(`Ignored what this link says about ${rejected.join(", ")}.`, "warn");
}

async function shareLink() {
  const url = exporter.shareUrl();
  try {
    await navigator.clipboard.writeText(url);
    note("Link copied: whoever opens it sees this avatar (your photos are not in it).", "info");
  } catch (_) {
    note(`Your share link (copy it): ${url}`, "info");
  }
}

async function openJsonFile(file) {
  try {
    let doc;
    try { doc = JSON.parse(await file.text()); } catch (_) {
      throw new Error(`${file.name} is not a JSON file`);
    }
    if (!doc || typeof doc !== "object") throw new Error(`${file.name} holds no avatar`);
    const style = typeof doc.style === "string" ? doc.style : state.style;
    const raw = doc.values && typeof doc.values === "object" ? doc.values : doc;
    if (!styleNames().includes(style)) throw new Error(`${file.name} is for style ${style}, which this server does not have`);
    const schema = await ensureSchema(style);
    await api.render(style, raw);  // the server checks every value (422 names the bad one)
    const values = Object.fromEntries(schema.features.map((f) => [f.name,
      f.name in raw ? raw[f.name] : f.default]));
    await openValues(style, values, `Opened ${file.name}.`);
  } catch (err) {
    note(`${file.name}: ${err.message}`, "error");
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    photos.addFiles([...e.dataTransfer.files]);
  });
  for (const id of ["#file", "#camera"]) {
    $(id).addEventListener("change", (e) => {
      photos.addFiles([...e.target.files]);
      e.target.value = "";
    });
  }
  $("#camera-btn").hidden = !window.matchMedia("(pointer: coarse)").matches;
  $("#make").addEventListener("click", make);
  $("#cancel").addEventListener("click", () => { cancelRunning(); $("#make").focus(); });
  $("#undo").addEventListener("click", doUndo);
  $("#redo").addEventListener("click", doRedo);
  $("#inset-img").addEventListener("error", () => { $("#inset").hidden = true; });  // HEIC
  $("#toggle-photo").addEventListener("click", () => {
    state.showPhoto = !state.showPhoto;
    changed("stage");
  });
  $("#share").addEventListener("click", shareLink);
  $("#shuffle").addEventListener("click", () => {
    const s = slot();
    edit(surprise(schemas[state.style], s.values, { locks: s.locks, measured: s.measured }));
    afterEdit(true);
  });
  $("#reset").addEventListener("click", () => {
    edit(slot().base);
    afterEdit(true);
  });
  $("#open-json").addEventListener("change", (e) => {
    const [file] = e.target.files;
    e.target.value = "";
    if (file) openJsonFile(file);
  });
  $("#start-over").addEventListener("click", async () => {
    // eslint-disable-next-line no-alert
    if (!window.confirm("Remove your photos, avatars and edits from this page?")) return;
    await cancelRunning(false);
    await clearAll();
    clearNotes();
    changed("photos");
    editor.buildEditor();
    afterEdit(true);
  });
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) { e.preventDefault(); doUndo(); }
    else if ((key === "z" && e.shiftKey) || key === "y") { e.preventDefault(); doRedo(); }
  });
  window.addEventListener("hashchange", openShareLink);
  window.addEventListener("pagehide", save);
  editor.wireTabKeys();
  editor.setHooks({
    change,
    lockChanged: () => { editor.updateControls(); changed("locks"); },
    shuffleGroup: (group) => {
      const s = slot();
      edit(surprise(schemas[state.style], s.values, { locks: s.locks, measured: s.measured,
        group }));
      afterEdit(true);
    },
  });
  photos.setHooks({
    note,
    removed: (photo) => {
      const job = state.job;
      if (job && job.photoIds.includes(photo.id)) {
        if (photos.usable().length) {
          make().then(() => note(`Started again without ${photo.name}.`, "info"));
        } else {
          cancelRunning(false);
          note(`Cancelled: ${photo.name} was the last photo.`, "info");
        }
      }
    },
  });
  preview.onRenderError((err) => note(err.message, "error"));
  buildExport();
  subscribe((reason) => {
    if (reason === "photos" || reason === "result" || reason === "job") photos.showPhotos();
    if (reason === "style") markStyle();
    updateStage();
  });
}

async function start() {
  wire();
  load();
  try {
    config = await api.getJson("/api/config");
  } catch (err) {
    note(err.message, "error");
    return;
  }
  photos.limits.max_photos = config.limits.max_photos;
  photos.limits.max_photo_bytes = config.limits.max_photo_bytes;
  $("#photo-count").textContent = `up to ${config.limits.max_photos}`;
  buildStyles();
  buildMethods();
  if (!styleNames().includes(state.style)) {
    state.style = styleNames().includes("facemoji") ? "facemoji" : styleNames()[0];
  }
  try {
    await ensureSchema(state.style);
  } catch (err) {
    note(err.message, "error");
    return;
  }
  markStyle();
  await loadPhotoBlobs();
  photos.showPhotos();
  editor.buildEditor();
  preview.refresh();
  updateStage();
  for (const p of state.photos) if (p.check.state === "checking") photos.check(p);
  await openShareLink();
  if (state.job && state.job.id) poll(state.job);  // a run that was going on before a reload
  else state.job = null;
  document.body.dataset.ready = "1";
}

start();
