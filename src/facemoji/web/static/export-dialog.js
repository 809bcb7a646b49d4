// The Download dialog: format, size and background; download or copy to the clipboard.

import * as exporter from "./export.js";
import { state } from "./store.js";

const $ = (sel) => document.querySelector(sel);


export function buildExport() {
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

