// The page's frame: log in with a token, pick the company and the date, switch language, and
// show the view the role works in (planner: the board; director: scenarios; HR: pool sizing).

import * as api from "./api.js";
import { $, clear, h, show } from "./dom.js";
import { applyStatic, loadWords, setLang, t } from "./i18n.js";
import { Board } from "./board.js";
import { Director, Hr } from "./analysis.js";
import { LeaveCheck, Week } from "./week.js";

const VIEWS = { planner: ["board", "week"], director: ["director"], hr: ["hr"], admin: ["admin"] };
const KEYS = { company: "enclaveplan.company", date: "enclaveplan.date" };

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const ctx = {
  me: null,
  company: null,
  date: sessionStorage.getItem(KEYS.date) || today(),
  error(err) {
    const alert = $("#alert");
    if (err instanceof api.ApiError && err.status === 401) {
      logout(t("session_expired"));
      return;
    }
    let text;
    if (err instanceof api.ApiError) {
      const lines = err.problems?.length
        ? err.problems.map((p) => `${p.where}: ${p.what}`)
        : [err.where ? t("error_where", err) : t("error", err)];
      text = lines.join("\n");
    } else {
      text = String(err?.message ?? err);
    }
    alert.textContent = text;
    show(alert, true);
  },
  clearError() {
    show($("#alert"), false);
  },
};

let views = {};

function allowedViews() {
  return VIEWS[ctx.me?.role] ?? [];
}

function currentView() {
  const wanted = location.hash.replace(/^#/, "").split("/")[0];
  const allowed = allowedViews();
  return allowed.includes(wanted) ? wanted : allowed[0];
}

function route() {
  if (!ctx.me) {
    showOnly("login");
    return;
  }
  const view = currentView();
  showOnly(view);
  document.querySelectorAll("#nav a").forEach((a) => {
    const allowed = allowedViews().includes(a.dataset.view);
    show(a, allowed);
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  show($("#nav"), allowedViews().length > 1);
  show($("#date-field"), view === "board");
  views[view]?.enter?.();
}

function showOnly(name) {
  document.querySelectorAll(".view").forEach((el) => show(el, el.id === `view-${name}`));
}

async function login(secret) {
  api.setToken(secret);
  try {
    ctx.me = await api.get("/me");
  } catch (err) {
    api.setToken(null);
    ctx.me = null;
    if (err instanceof api.ApiError && err.status === 401) {
      ctx.error(new Error(t("login_failed", { what: err.what })));
    } else {
      ctx.error(err);
    }
    route();
    return;
  }
  ctx.clearError();
  show($("#logout"), true);
  if (ctx.me.role !== "admin") await loadCompanies();
  views = {
    board: new Board(ctx),
    director: new Director(ctx),
    hr: new Hr(ctx),
    week: new Week(ctx),
    leave: new LeaveCheck(ctx),
    admin: null,
  };
  route();
}

async function loadCompanies() {
  const { companies } = await api.get("/companies");
  const select = clear($("#company"));
  const names = companies.map((c) => c.name);
  for (const c of companies) {
    // The id only when two companies share a name.
    const twice = names.indexOf(c.name) !== names.lastIndexOf(c.name);
    select.append(h("option", { value: c.id }, twice ? `${c.name} (${c.id})` : c.name));
  }
  if (!companies.length) {
    ctx.error(new Error(t("no_companies")));
    return;
  }
  const stored = sessionStorage.getItem(KEYS.company);
  ctx.company = companies.some((c) => c.id === stored) ? stored : companies[0].id;
  select.value = ctx.company;
  show($("#company-field"), true);
}

function logout(message) {
  api.setToken(null);
  ctx.me = null;
  views = {};
  show($("#logout"), false);
  show($("#company-field"), false);
  show($("#date-field"), false);
  show($("#nav"), false);
  if (message) ctx.error(new Error(message));
  else ctx.clearError();
  $("#token").value = "";
  route();
  $("#token").focus();
}

function wire() {
  $("#login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    login($("#token").value.trim());
  });
  $("#logout").addEventListener("click", () => logout());
  $("#company").addEventListener("change", (event) => {
    ctx.company = event.target.value;
    sessionStorage.setItem(KEYS.company, ctx.company);
    views[currentView()]?.companyChanged?.();
  });
  const date = $("#date");
  date.value = ctx.date;
  date.addEventListener("change", () => {
    if (!date.value) return;
    ctx.date = date.value;
    sessionStorage.setItem(KEYS.date, ctx.date);
    views.board?.dateChanged?.();
  });
  document.querySelectorAll(".lang-btn").forEach((button) =>
    button.addEventListener("click", () => {
      setLang(button.dataset.lang);
      Object.values(views).forEach((v) => v?.languageChanged?.());
    }),
  );
  window.addEventListener("hashchange", route);
}

async function start() {
  await loadWords();
  applyStatic();
  wire();
  const secret = api.token();
  if (secret) await login(secret);
  else route();
  document.body.dataset.ready = "true";
}

start();
