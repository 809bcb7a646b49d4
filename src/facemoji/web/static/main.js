// facemoji page: photos in, avatar out, every feature editable, nothing lost.
// Plain ES modules, no build step. The store (store.js) holds everything; this module
// wires it to the page; runner.js makes the avatars.

import * as api from "./api.js";
import * as editor from "./editor.js";
import * as exporter from "./export.js";
import { buildExport } from "./export-dialog.js";
import { clearNotes, note } from "./notes.js";
import * as photos from "./photos.js";
import * as preview from "./preview.js";
import { surprise } from "./random.js";
import * as runner from "./runner.js";
import {
  changed, clearAll, edit, load, loadPhotoBlobs, redo, save, schemas, setValue, slot, state,
  subscribe, undo,
} from "./store.js";

const $ = (sel) => document.querySelector(sel);

let config = null;  // GET /api/config


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
    runner.make();  // the same photos, in this style too; the other styles keep their edits
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
  runner.updateMake();
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
  $("#make").addEventListener("click", runner.make);
  $("#cancel").addEventListener("click", () => { runner.cancelRunning(); $("#make").focus(); });
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
    await runner.cancelRunning(false);
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
          runner.make().then(() => note(`Started again without ${photo.name}.`, "info"));
        } else {
          runner.cancelRunning(false);
          note(`Cancelled: ${photo.name} was the last photo.`, "info");
        }
      }
    },
  });
  preview.onRenderError((err) => note(err.message, "error"));
  runner.setHooks({ ensureSchema, currentMethod, switchStyle, afterEdit });
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
  if (state.job && state.job.id) runner.poll(state.job);  // a run that was going on before a reload
  else state.job = null;
  document.body.dataset.ready = "1";
}

start();
