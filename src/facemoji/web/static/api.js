// The HTTP API, with errors in words a person can act on.

export const OFFLINE = "Can't reach the facemoji server. Is `facemoji serve` still running? "
  + "Your edits are kept on this page.";

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function errorText(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (_) { /* not JSON */ }
  return `the server answered ${response.status} ${response.statusText}`.trim();
}

/** fetch() that throws ApiError: status 0 when the server cannot be reached. */
export async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(OFFLINE, 0);
  }
  if (!response.ok) throw new ApiError(await errorText(response), response.status);
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

export function render(style, values, { format = "svg", size = 512, crop = "none", signal } = {}) {
  return request("/api/render", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ style, params: values, format, size, crop }),
    signal,
  });
}

/** Check one photo as soon as it is added: {ok, faces, error}. */
export async function checkPhoto(name, blob) {
  const form = new FormData();
  form.append("photo", blob, name);
  try {
    return await (await request("/api/photos/check", { method: "POST", body: form })).json();
  } catch (err) {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 404) {
      return { ok: false, faces: 0, error: err.message };  // the photo itself was refused
    }
    throw err;
  }
}

/** POST /api/jobs with upload progress (XMLHttpRequest: fetch reports none). */
export function startJob(photos, fields, onUpload) {
  const form = new FormData();
  for (const { name, blob } of photos) form.append("photos", blob, name);
  for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/jobs");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 202 || xhr.status === 200) resolve(xhr.response);
      else {
        const message = (xhr.response && xhr.response.error) || `the server answered ${xhr.status}`;
        reject(new ApiError(message, xhr.status));
      }
    };
    xhr.onerror = () => reject(new ApiError(OFFLINE, 0));
    xhr.send(form);
  });
}

export function jobStatus(id) {
  return getJson(`/api/jobs/${encodeURIComponent(id)}`);
}

/** Cancel a job; `keepalive` lets it go out while the page unloads. */
export function cancelJob(id) {
  return fetch(`/api/jobs/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: true })
    .catch(() => {});
}
