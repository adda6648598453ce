// The API under /api/v1 with the token of this tab. Errors keep the service's shape
// {what, where, hint}; a busy service (429) is retried after its Retry-After, a few times.

const BASE = "/api/v1";
const TOKEN_KEY = "enclaveplan.token";
const MAX_RETRIES = 6;

export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.what || `HTTP ${status}`);
    this.status = status;
    this.what = error.what || `HTTP ${status}`;
    this.where = error.where || "";
    this.hint = error.hint || "";
    this.problems = error.problems || null;
    this.current = error.current || null; // 409 on publish: the version published in between
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One call. `onBusy(seconds)` is told when the service asks to come back later.
 * `raw`: return the Response (for downloads) instead of parsed JSON.
 */
export async function call(method, path, { json, body, contentType, onBusy, raw } = {}) {
  const headers = { Accept: "application/json" };
  const secret = token();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  let payload = body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(json);
  } else if (contentType) {
    headers["Content-Type"] = contentType;
  }
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(BASE + path, { method, headers, body: payload });
    if (response.status === 429 && attempt < MAX_RETRIES) {
      const wait = Math.max(1, Number(response.headers.get("Retry-After")) || 2);
      onBusy?.(wait);
      await sleep(wait * 1000);
      continue;
    }
    if (!response.ok) {
      let parsed = null;
      try {
        parsed = await response.json();
      } catch {
        parsed = null;
      }
      throw new ApiError(response.status, parsed);
    }
    if (raw) return response;
    if (response.status === 204) return null;
    return response.json();
  }
}

export const get = (path, options) => call("GET", path, options);
export const post = (path, json, options = {}) => call("POST", path, { ...options, json });
export const del = (path, options) => call("DELETE", path, options);

/** Download a file that needs the token (a plain link cannot send it). */
export async function download(path, fallbackName) {
  const response = await call("GET", path, { raw: true });
  const disposition = response.headers.get("Content-Disposition") || "";
  const match = /filename="([^"]+)"/.exec(disposition);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = match ? match[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
