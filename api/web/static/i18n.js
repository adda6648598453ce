// Words of the page, Dutch first. Every one comes from the message catalogue
// (solver/locale/*/enclaveplan.po, served as /app/words.json from this origin): the page's own
// (`page`, the catalogue's web.* entries) and the solver's (statuses, absence kinds, scenario
// metrics, the HR report), so the board says what the reports say and a translator edits one file.

let current = localStorage.getItem("enclaveplan.lang") === "en" ? "en" : "nl";
let solverWords = null;

export function lang() {
  return current;
}

export async function loadWords() {
  const response = await fetch("words.json", { headers: { Accept: "application/json" } });
  solverWords = await response.json();
}

/** A word of the page, with {placeholders} filled in; a word missing in English is Dutch. */
export function t(key, params = {}) {
  const table = solverWords?.[current]?.page ?? {};
  let text = key in table ? table[key] : solverWords?.nl?.page?.[key] ?? key;
  if (typeof text !== "string") return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A word of the solver: kind is status | absence | metric | pool. */
export function sw(kind, key) {
  const table = solverWords?.[current]?.[kind] ?? {};
  return table[key] ?? key;
}

export function designColour(name) {
  return solverWords?.nl?.design_colours?.[name] ?? "#202124";
}

export function setLang(next) {
  current = next === "en" ? "en" : "nl";
  localStorage.setItem("enclaveplan.lang", current);
  applyStatic();
}

/** Translate every element marked data-t (text) or data-t-label (aria-label). */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll("[data-t]").forEach((el) => {
    el.textContent = t(el.dataset.t);
  });
  root.querySelectorAll("[data-t-label]").forEach((el) => {
    el.setAttribute("aria-label", t(el.dataset.tLabel));
  });
  document.querySelectorAll(".lang-btn").forEach((b) => {
    b.setAttribute("aria-pressed", String(b.dataset.lang === current));
  });
}

export function formatTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toLocaleTimeString(current === "en" ? "en-GB" : "nl-BE", { hour: "2-digit", minute: "2-digit" });
}

export function formatDate(isoDate) {
  const d = new Date(`${isoDate}T12:00:00`);
  return d.toLocaleDateString(current === "en" ? "en-GB" : "nl-BE", {
    weekday: "long", day: "numeric", month: "long", year: "numeric",
  });
}

/** A number as the reader writes it: "0,36" in Dutch, "0.36" in English. `digits` fixes the
 * decimals (a load, "0,28"); without it a whole number stays whole ("1") and a part has up to
 * two ("0,5", "0,36"). */
export function formatNumber(value, digits = null) {
  const options = digits === null
    ? { minimumFractionDigits: 0, maximumFractionDigits: 2 }
    : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return Number(value).toLocaleString(current === "en" ? "en-GB" : "nl-BE", options);
}
