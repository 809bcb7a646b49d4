// Making an avatar: a job on the server (POST /api/jobs), followed until it ends, even
// across a reload (its id is in the store); its result lands in its own style's slot,
// and edits made while it ran are kept.

import * as api from "./api.js";
import * as editor from "./editor.js";
import { clearNotes, note } from "./notes.js";
import * as photos from "./photos.js";
import * as preview from "./preview.js";
import { blobs, changed, edit, save, schemas, slot, state } from "./store.js";

const $ = (sel) => document.querySelector(sel);
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

const STEP_WORDS = {
  uploading: "Sending your photos", queued: "Waiting for a free worker",
  detecting: "Finding your face", measuring: "Measuring your features",
  fitting: "Fitting the avatar", rendering: "Drawing it",
};
const STEPS = ["detecting", "measuring", "fitting", "rendering"];

let hooks = { ensureSchema: null, currentMethod: null, switchStyle: null, afterEdit: null };

/** What the runner needs from the page: `ensureSchema(style)`, `currentMethod()`,
 *  `switchStyle(name)` and `afterEdit(thumbsNow)`. */
export function setHooks(h) { hooks = { ...hooks, ...h }; }


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

export function updateMake() {
  const n = photos.usable().length;
  const make = $("#make");
  make.disabled = n === 0;
  make.textContent = slot().made ? "Make it again" : "Make my avatar";
}

export async function make() {
  const chosen = photos.usable();
  if (!chosen.length) return;
  const running = $("#make") === document.activeElement;
  await cancelRunning(false);
  const style = state.style;
  const job = { id: null, style, method: hooks.currentMethod(),
    photoIds: chosen.map((p) => p.id),
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
export async function poll(job) {
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
  await hooks.ensureSchema(job.style);
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
        hooks.afterEdit(true);
      } }]);
  }
  const added = photos.usable().filter((p) => !job.photoIds.includes(p.id));
  if (added.length) {
    note(`${added.length} photo${added.length > 1 ? "s were" : " was"} added after this run `
      + "started.", "info", [{ label: "Make it again with all", run: make }]);
  }
  if (job.style !== state.style) {
    note(`Your ${job.style} avatar is ready.`, "info",
      [{ label: `Show ${job.style}`, run: () => hooks.switchStyle(job.style) }]);
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

export async function cancelRunning(tell = true) {
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

