// The photo list: checked as soon as a photo is added (not an image, no face, several
// faces), duplicates refused, each photo marked with what happened to it in the last run.

import * as api from "./api.js";
import { blobs, changed, deletePhotoBlob, putPhotoBlob, state } from "./store.js";

const $ = (sel) => document.querySelector(sel);

export const limits = { max_photos: 10, max_photo_bytes: 10 * 1024 * 1024 };

let hooks = { note: () => {}, removed: () => {} };

/** `note(text, kind)` shows a message; `removed(photo)` runs after a photo is removed. */
export function setHooks(h) { hooks = { ...hooks, ...h }; }

/** FNV-1a over the bytes (crypto.subtle needs HTTPS on other hosts than localhost). */
async function fingerprint(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 1) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}-${bytes.length}`;
}

/** A server message about one photo, said on that photo: without its file name first. */
function aboutPhoto(message, name) {
  let text = String(message || "cannot be used");
  for (const naming of [`${name}: `, ` in ${name}`, `${name} `]) text = text.replace(naming, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const mb = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;

export async function addFiles(files) {
  for (const file of files) {
    if (state.photos.length >= limits.max_photos) {
      hooks.note(`At most ${limits.max_photos} photos: ${file.name} was not added.`, "warn");
      break;
    }
    if (file.size > limits.max_photo_bytes) {
      hooks.note(`${file.name} is larger than ${mb(limits.max_photo_bytes)}: not added.`, "warn");
      continue;
    }
    const hash = await fingerprint(file);
    const twin = state.photos.find((p) => p.hash === hash);
    if (twin) {
      hooks.note(`${file.name} is already in your photos${twin.name !== file.name
        ? ` (as ${twin.name})` : ""}: not added twice.`, "warn");
      continue;
    }
    const photo = { id: `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`,
      name: file.name, size: file.size, type: file.type, hash,
      check: { state: "checking" }, run: null };
    state.photos.push(photo);
    await putPhotoBlob(photo.id, file);
    changed("photos");
    check(photo);
  }
}

/** Ask the server whether the photo can be used; marks it at once. */
export async function check(photo) {
  photo.check = { state: "checking" };
  changed("photos");
  try {
    const result = await api.checkPhoto(photo.name, blobs.get(photo.id));
    if (!result.ok) photo.check = { state: "bad", message: aboutPhoto(result.error, photo.name) };
    else if (result.faces > 1) {
      photo.check = { state: "warn", faces: result.faces,
        message: `${result.faces} faces: the largest is used` };
    } else photo.check = { state: "ok", faces: result.faces };
  } catch (err) {
    photo.check = { state: "unchecked", message: err.status === 0 ? "not checked yet (no server)"
      : `not checked (${err.message})` };
  }
  changed("photos");
}

/** Photos that go into a run: all but those known to be unusable. */
export function usable() {
  return state.photos.filter((p) => p.check.state !== "bad");
}

export function remove(id) {
  const i = state.photos.findIndex((p) => p.id === id);
  if (i < 0) return;
  const [photo] = state.photos.splice(i, 1);
  deletePhotoBlob(id);
  changed("photos");
  hooks.removed(photo, i);
}

/** The per-photo outcome of a run ({name, status, error, faces} in the order sent). */
export function markRun(sentIds, outcomes) {
  (outcomes || []).forEach((outcome, i) => {
    const photo = state.photos.find((p) => p.id === sentIds[i]);
    if (photo) photo.run = outcome;
  });
}

function status(photo) {
  if (photo.run && photo.run.status === "skipped") {
    return { kind: "bad", text: `Skipped: ${aboutPhoto(photo.run.error, photo.name).toLowerCase()}` };
  }
  const c = photo.check;
  if (c.state === "checking") return { kind: "busy", text: "Checking…" };
  if (c.state === "bad") return { kind: "bad", text: c.message };
  if (c.state === "warn") return { kind: "warn", text: c.message };
  if (c.state === "unchecked") return { kind: "warn", text: c.message };
  if (photo.run && photo.run.status === "used") return { kind: "ok", text: "Used" };
  return { kind: "ok", text: "Face found" };
}

const urls = new Map();  // photo id → object URL of its thumbnail

export function thumbUrl(id) {
  if (!urls.has(id) && blobs.has(id)) urls.set(id, URL.createObjectURL(blobs.get(id)));
  return urls.get(id);
}

/** Draw the list (keeps focus on the list when a remove button disappears). */
export function showPhotos() {
  const list = $("#photos");
  const focused = document.activeElement && document.activeElement.closest
    && document.activeElement.closest("[data-photo]");
  for (const [id, url] of urls) {
    if (!state.photos.some((p) => p.id === id)) { URL.revokeObjectURL(url); urls.delete(id); }
  }
  list.replaceChildren(...state.photos.map((photo) => {
    const { kind, text } = status(photo);
    const img = document.createElement("img");
    img.alt = "";
    img.src = thumbUrl(photo.id) || "";
    img.onerror = () => { img.replaceWith(placeholder(photo.name)); };
    const caption = document.createElement("span");
    caption.className = "photo-status";
    caption.id = `st-${photo.id}`;
    caption.textContent = text;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.setAttribute("aria-label", `Remove ${photo.name}`);
    remove.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7 7 17"/></svg>';
    remove.addEventListener("click", () => removeWithFocus(photo.id));
    const name = document.createElement("span");
    name.className = "photo-name";
    name.textContent = photo.name;
    const item = document.createElement("li");
    item.className = `photo ${kind}`;
    item.dataset.photo = photo.id;
    item.dataset.state = kind;
    item.append(img, remove, name, caption);
    return item;
  }));
  if (focused) {  // the list was redrawn: focus the same photo's button again
    const again = list.querySelector(`[data-photo="${focused.dataset.photo}"] .remove`);
    if (again) again.focus();
  }
  const n = state.photos.length;
  $("#photo-count").textContent = n ? `${n} of ${limits.max_photos}` : `up to ${limits.max_photos}`;
}

function placeholder(name) {
  const box = document.createElement("span");
  box.className = "placeholder";
  box.textContent = (name.split(".").pop() || "?").slice(0, 4).toUpperCase();
  return box;
}

function removeWithFocus(id) {
  const ids = state.photos.map((p) => p.id);
  const i = ids.indexOf(id);
  remove(id);
  // focus goes to the next photo's remove button, or back to the file picker
  const next = state.photos[Math.min(i, state.photos.length - 1)];
  const target = next && document.querySelector(`[data-photo="${next.id}"] .remove`);
  (target || $("#file")).focus();
}
