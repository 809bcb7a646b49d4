// Getting the avatar out (SVG, PNG of any size, transparent or not, a sticker with an
// outline, JSON, the clipboard, a share link) and back in (JSON files, share links).

import { defaults, schemas, slot, state } from "./store.js";

export const SIZES = [128, 256, 512, 1024];

function loadImage(svg) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error("the avatar could not be drawn")); };
    img.src = url;
  });
}

function canvas(size) {
  const c = document.createElement("canvas");
  c.width = size;
  c.height = size;
  return c;
}

/** The avatar drawn at `size` px over `background` (a CSS color, or null: transparent). */
export async function rasterize(svg, size, background = null) {
  const img = await loadImage(svg);
  const c = canvas(size);
  const ctx = c.getContext("2d");
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, size, size);
  }
  ctx.drawImage(img, 0, 0, size, size);
  return c;
}

/** A sticker: the avatar on a transparent ground inside a white outline with a soft shadow. */
export async function sticker(svg, size) {
  const img = await loadImage(svg);
  const pad = Math.round(size * 0.06);
  const inner = size - 2 * pad;
  const shape = canvas(size);  // the avatar's silhouette, in white
  const sctx = shape.getContext("2d");
  sctx.drawImage(img, pad, pad, inner, inner);
  sctx.globalCompositeOperation = "source-in";
  sctx.fillStyle = "#ffffff";
  sctx.fillRect(0, 0, size, size);

  const out = canvas(size);
  const ctx = out.getContext("2d");
  const radius = Math.max(2, Math.round(size * 0.028));
  ctx.save();
  ctx.shadowColor = "rgba(20, 18, 40, 0.35)";
  ctx.shadowBlur = Math.round(size * 0.02);
  ctx.shadowOffsetY = Math.round(size * 0.008);
  for (let a = 0; a < 24; a += 1) {  // the silhouette stamped around a circle: a thick outline
    const t = (a / 24) * 2 * Math.PI;
    ctx.drawImage(shape, Math.cos(t) * radius, Math.sin(t) * radius);
  }
  ctx.restore();
  ctx.drawImage(shape, 0, 0);
  ctx.drawImage(img, pad, pad, inner, inner);
  return out;
}

export function toBlob(c) {
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(
    new Error("the PNG could not be made"))), "image/png"));
}

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The avatar as the JSON that `facemoji render --params` and this page read back. */
export function paramsDocument(style = state.style) {
  return { style, schema_version: schemas[style].version, values: slot(style).values };
}

/** Copy a PNG to the clipboard; the promise is handed over at once (user activation). */
export async function copyImage(makeBlob) {
  if (!navigator.clipboard || typeof ClipboardItem === "undefined") {
    throw new Error("this browser does not allow copying images here: use Download");
  }
  await navigator.clipboard.write([new ClipboardItem({ "image/png": makeBlob() })]);
}

// ---------------------------------------------------------------- share links
// #s=facemoji&hair=afro&hair_color=3f2a1f&face_width=0.31: the style and every value that
// differs from the style's defaults. Colors lose their '#', following colors read "follow".

export function shareUrl(style = state.style) {
  const values = slot(style).values;
  const base = defaults(style);
  const params = new URLSearchParams({ s: style });
  for (const [name, value] of Object.entries(values)) {
    if (value === base[name]) continue;
    if (value === null) params.set(name, "follow");
    else if (typeof value === "string" && value.startsWith("#")) params.set(name, value.slice(1));
    else params.set(name, String(value));
  }
  return `${location.origin}${location.pathname}#${params.toString()}`;
}

/** {style, values, unknown} from a share link's fragment, or null when it holds none. */
export function parseShare(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const style = params.get("s");
  if (!style) return null;
  return { style, entries: [...params.entries()].filter(([k]) => k !== "s") };
}

/** Values for `schema` from share-link entries; unknown or bad ones are listed apart. */
export function valuesFromEntries(schema, entries) {
  const values = Object.fromEntries(schema.features.map((f) => [f.name, f.default]));
  const rejected = [];
  for (const [name, text] of entries) {
    const f = schema.features.find((x) => x.name === name);
    let value;
    if (!f) { rejected.push(name); continue; }
    if (f.kind === "scalar") {
      value = Number(text);
      if (!Number.isFinite(value) || value < f.range[0] || value > f.range[1]) value = undefined;
    } else if (f.kind === "choice") {
      value = f.options.includes(text) ? text : undefined;
    } else if (text === "follow" && f.follows) {
      value = null;
    } else {
      const hex = `#${text.replace(/^#/, "").toLowerCase()}`;
      value = /^#[0-9a-f]{6}$/.test(hex) ? hex : (f.presets[text] ?? undefined);
    }
    if (value === undefined) rejected.push(name);
    else values[name] = value;
  }
  return { values, rejected };
}
