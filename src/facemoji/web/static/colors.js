// Color names for people: the nearest of a feature's named presets (CIELAB distance).

function srgbToLinear(c) {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

export function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function hexToLab(hex) {
  const [r, g, b] = hexToRgb(hex).map(srgbToLinear);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function distance(a, b) {
  const [l1, a1, b1] = hexToLab(a);
  const [l2, a2, b2] = hexToLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** "monk_04" → "Monk 4", "dark_brown" → "Dark brown". */
export function presetLabel(id) {
  const words = id.replace(/_0*(\d)/g, " $1").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The name of `hex` among `presets` ({id: hex}): the preset's own name, or "close to …". */
export function colorName(hex, presets) {
  let best = null;
  let bestDistance = Infinity;
  for (const [id, value] of Object.entries(presets || {})) {
    const d = distance(hex, value);
    if (d < bestDistance) { best = id; bestDistance = d; }
  }
  if (best === null) return hex;
  if (bestDistance < 2.5) return presetLabel(best);
  return `close to ${presetLabel(best).toLowerCase()}`;
}

/** WCAG relative luminance; swatches of light colors get a darker ring. */
export function luminance(hex) {
  const [r, g, b] = hexToRgb(hex).map(srgbToLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
