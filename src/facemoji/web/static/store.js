// The page's one store: every style's avatar (values, undo history, rankings), the
// photos and the running job. Mirrored to localStorage (the JSON) and IndexedDB (the
// photos' bytes), so that a reload loses nothing.

const KEY = "facemoji.page.v1";
const HISTORY = 100;        // undo steps kept per style
const COALESCE_MS = 1200;   // edits of one feature within this window are one undo step

export const state = {
  style: null,         // the style on screen
  method: null,        // the method the user picked (null: the server's default)
  slots: {},           // style → Slot (see newSlot)
  photos: [],          // [{id, name, size, hash, check, run}] in the order added
  job: null,           // {id, style, method, photoIds, startedAt, startValues}
  showPhoto: true,     // the photo inset beside the avatar
};

export const schemas = {};  // style → schema (GET /api/styles/{style}/schema)

const listeners = new Set();

/** Call `fn(reason)` after every change. */
export function subscribe(fn) { listeners.add(fn); }

/** Tell the page that the store changed, and save it soon. */
export function changed(reason = "") {
  for (const fn of listeners) fn(reason);
  scheduleSave();
}

export function defaults(style) {
  return Object.fromEntries(schemas[style].features.map((f) => [f.name, f.default]));
}

function newSlot(style) {
  const values = defaults(style);
  return { values, base: { ...values }, rankings: {}, measured: {}, history: [], future: [],
    made: null, locks: [], lastEdit: null };
}

/** The slot of `style` (created with the style's defaults when missing). */
export function slot(style = state.style) {
  if (!state.slots[style]) state.slots[style] = newSlot(style);
  const s = state.slots[style];
  // a schema that gained features since the slot was saved: take their defaults
  for (const [name, value] of Object.entries(defaults(style))) {
    if (!(name in s.values)) s.values[name] = value;
  }
  return s;
}

/** Replace the values of `style`'s avatar as one undo step; `coalesce` (a feature name)
 *  folds quick repeated edits of one control (a slider drag) into one step. */
export function edit(values, { style = state.style, coalesce = null } = {}) {
  const s = slot(style);
  const now = Date.now();
  const same = coalesce && s.lastEdit && s.lastEdit.key === coalesce
    && now - s.lastEdit.at < COALESCE_MS;
  if (!same) {
    s.history.push(s.values);
    if (s.history.length > HISTORY) s.history.shift();
  }
  s.future = [];
  s.values = { ...values };
  s.lastEdit = coalesce ? { key: coalesce, at: now } : null;
}

export function setValue(name, value, options = {}) {
  edit({ ...slot().values, [name]: value }, options);
}

export function undo(style = state.style) {
  const s = slot(style);
  if (!s.history.length) return false;
  s.future.push(s.values);
  s.values = s.history.pop();
  s.lastEdit = null;
  return true;
}

export function redo(style = state.style) {
  const s = slot(style);
  if (!s.future.length) return false;
  s.history.push(s.values);
  s.values = s.future.pop();
  s.lastEdit = null;
  return true;
}

// ---------------------------------------------------------------- localStorage

let saveTimer = null;

function scheduleSave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 250);
}

/** Write the store now (also on pagehide). */
export function save() {
  clearTimeout(saveTimer);
  const slots = {};
  for (const [style, s] of Object.entries(state.slots)) {
    slots[style] = { ...s, history: s.history.slice(-30), future: s.future.slice(-30),
      lastEdit: null };
  }
  const photos = state.photos.map(({ id, name, size, hash, type, check, run }) =>
    ({ id, name, size, hash, type, check, run }));
  const doc = { style: state.style, method: state.method, slots, photos, job: state.job,
    showPhoto: state.showPhoto };
  try {
    localStorage.setItem(KEY, JSON.stringify(doc));
  } catch (_) { /* storage full or disabled: the page still works, it just forgets */ }
}

/** Read what a previous visit saved (photos' bytes come from loadPhotoBlobs). */
export function load() {
  let doc = null;
  try { doc = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (_) { doc = null; }
  if (!doc || typeof doc !== "object") return false;
  state.style = doc.style || null;
  state.method = doc.method || null;
  state.slots = doc.slots && typeof doc.slots === "object" ? doc.slots : {};
  state.photos = Array.isArray(doc.photos) ? doc.photos : [];
  state.job = doc.job || null;
  state.showPhoto = doc.showPhoto !== false;
  return true;
}

/** Forget everything (the "Start over" button). */
export async function clearAll() {
  state.slots = {};
  state.photos = [];
  state.job = null;
  try { localStorage.removeItem(KEY); } catch (_) { /* nothing stored */ }
  await photoDb("readwrite", (store) => store.clear()).catch(() => {});
}

// ---------------------------------------------------------------- IndexedDB (photo bytes)

let dbPromise = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const request = indexedDB.open("facemoji", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("photos");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return dbPromise;
}

async function photoDb(mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("photos", mode);
    const request = action(tx.objectStore("photos"));
    tx.oncomplete = () => resolve(request && request.result);
    tx.onerror = () => reject(tx.error);
  });
}

export const blobs = new Map();  // photo id → Blob (the bytes, in memory)

export function putPhotoBlob(id, blob) {
  blobs.set(id, blob);
  return photoDb("readwrite", (store) => store.put(blob, id)).catch(() => {});
}

export function deletePhotoBlob(id) {
  blobs.delete(id);
  return photoDb("readwrite", (store) => store.delete(id)).catch(() => {});
}

/** Load the saved photos' bytes; photos whose bytes are gone are dropped. */
export async function loadPhotoBlobs() {
  const found = await Promise.all(state.photos.map((p) =>
    photoDb("readonly", (store) => store.get(p.id)).catch(() => null)));
  state.photos = state.photos.filter((p, i) => {
    if (found[i]) blobs.set(p.id, found[i]);
    return Boolean(found[i]);
  });
}
