// The planner's morning board (issue 7): today's absences (a kind only), the planner's pins and
// forbids, solve, who to call, publish, and after publishing a late call re-plans with only the
// changes. Every decision about who goes where is the solver's; the board shows and marks it.

import * as api from "./api.js";
import { $, clear, h, show } from "./dom.js";
import { formatDate, formatNumber, formatTime, lang, sw, t } from "./i18n.js";

const KINDS = ["leave", "adv", "sick", "training", "other"];
const PARTS = ["day", "am", "pm"];
// Seconds the solver may take; the server caps it. The roster must be out by 8:00.
const TIME_LIMIT = 10;
// The hearing's order of harm: no coach means temporary unemployment, then a ratio breach
// (the inspection), then fewer coaches than the contract, then a short line.
const SEVERITY = { no_coach: 0, ratio_breach: 1, understaffed: 2, short: 3, ok: 4 };
const NOT_RUNNING = new Set(["closed", "not_scheduled"]);
const HALVES = ["am", "pm"];
// A half in two letters, for the A4 sheet: "C02 (nm)".
const PART_SHORT = { am: "part_short_am", pm: "part_short_pm" };

const same = (a, b) =>
  !!a && !!b && a.person === b.person && a.kind === b.kind && (a.part || "day") === (b.part || "day") &&
  (a.reported_at || "") === (b.reported_at || "");

/** An absence as the API takes it: the call time only when there is one (none: known at the
 * shift start). */
const absenceOut = ({ person, kind, part, reported_at }) => (reported_at ? { person, kind, part, reported_at } : { person, kind, part });

const pad = (n) => String(n).padStart(2, "0");
/** Today's date and the clock on this computer, as the page and the API write them. */
function todayIso() {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
/** "08:05" as minutes since midnight. */
const toMinutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
function clockNow() {
  const now = new Date();
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

export class Board {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#view-board");
    this.people = new Map();
    this.sites = new Map();
    this.companyName = "";
    this.loadedCompany = null;
    this.loadedDay = null;
    this.busyNow = false;
    this.reset();
    this.wire();
  }

  reset() {
    this.absences = []; // {person, kind, part}
    this.overrides = []; // {person, site, action: pin | forbid}
    this.roster = null;
    this.solveId = null;
    this.solvedKey = null;
    this.check = null;
    this.publication = null; // the newest published version of the day
    this.replan = null; // the answer of a re-plan: only the changes, and who to call
    this.showAll = false;
    this.undoStack = [];
    // person|site -> move, from every roster of the day seen here: a re-planned roster lists only
    // the moves since the published one, but the notice board wants every arrival time.
    this.arrivals = new Map();
  }

  rememberArrivals(roster) {
    for (const m of roster?.moves ?? []) this.arrivals.set(`${m.person}|${m.to}`, m);
  }

  // --- life cycle ------------------------------------------------------------------------------

  async enter() {
    try {
      if (this.loadedCompany !== this.ctx.company) await this.loadCompany();
      const day = `${this.ctx.company}|${this.ctx.date}`;
      if (this.loadedDay !== day) await this.loadDay();
      else this.render();
    } catch (err) {
      this.ctx.error(err);
    }
  }

  async companyChanged() {
    this.loadedCompany = null;
    this.loadedDay = null;
    await this.enter();
  }

  async dateChanged() {
    this.loadedDay = null;
    await this.enter();
  }

  languageChanged() {
    this.fillSelects();
    this.render();
  }

  async loadCompany() {
    const company = this.ctx.company;
    const [summary, people] = await Promise.all([
      api.get(`/companies/${company}`),
      api.get(`/companies/${company}/people`),
    ]);
    this.companyName = summary.name;
    this.shift = summary.shift ?? null; // start, midday, end ("HH:MM")
    this.sites = new Map(summary.sites.map((s) => [s.id, s]));
    this.people = new Map();
    for (const c of people.coaches) {
      const role = c.role === "regular" ? "coach" : c.role;
      this.people.set(c.id, { ...c, role });
    }
    for (const w of people.workers) this.people.set(w.id, { ...w, role: "worker" });
    const list = clear($("#people-list"));
    for (const p of this.people.values()) list.append(h("option", { value: `${p.id} ${p.name}` }));
    this.loadedCompany = company;
    this.fillSelects();
  }

  async loadDay() {
    const { company, date } = this.ctx;
    // Only the newest request counts when the date is changed again while a day loads.
    const seq = (this.loadSeq = (this.loadSeq || 0) + 1);
    const current = () => seq === this.loadSeq;
    this.reset();
    this.ctx.clearError();
    this.fillCallTime(true);
    $("#solve-status").textContent = "";
    // What is typed while a day loads would be wiped by the load: the forms wait for it.
    this.setLoading(true);
    try {
      await this.loadDayInputs(company, date, current);
    } finally {
      if (current()) this.setLoading(false);
    }
  }

  setLoading(loading) {
    this.root.dataset.day = loading ? "" : (this.loadedDay ?? "");
    for (const form of ["#absence-form", "#override-form"]) {
      $(`${form} button[type=submit]`).disabled = loading;
    }
  }

  async loadDayInputs(company, date, current) {
    let published = null;
    try {
      published = await api.get(`/companies/${company}/rosters/${date}`);
    } catch (err) {
      if (!(err instanceof api.ApiError && err.status === 404)) throw err;
    }
    if (!current()) return;
    if (published) {
      this.setPublication(published);
      const request = published.request || {};
      this.absences = (request.absences || []).map(({ person, kind, part, reported_at }) =>
        reported_at ? { person, kind, part: part || "day", reported_at } : { person, kind, part: part || "day" });
      this.overrides = [
        ...(request.pins || []).map(({ person, site }) => ({ person, site, action: "pin" })),
        ...(request.forbids || []).map(({ person, site }) => ({ person, site, action: "forbid" })),
      ];
      this.roster = published.roster;
      this.solveId = this.publication.solve_id;
      this.solvedKey = this.inputsKey();
      const earlier = published.history.filter((e) => e.version < published.version);
      const versions = await Promise.all(
        earlier.map((e) => api.get(`/companies/${company}/rosters/${date}/versions/${e.version}`)),
      );
      for (const v of versions) this.rememberArrivals(v.roster);
      this.rememberArrivals(published.roster);
    }
    await this.restoreDraft();
    if (!current()) return;
    this.loadedDay = `${company}|${date}`;
    this.render();
  }

  setPublication(published) {
    const entry = published.history.find((e) => e.version === published.version) || {};
    this.publication = {
      version: published.version,
      published_at: published.published_at,
      published_by: published.published_by,
      solve_id: entry.solve_id,
      history: published.history,
      request: published.request || {},
      roster: published.roster,
    };
  }

  // A reload in the middle of the morning keeps what the planner had typed and solved (this tab
  // only, like the token).
  draftKey() {
    return `enclaveplan.draft|${this.ctx.company}|${this.ctx.date}`;
  }

  saveDraft() {
    const draft = { absences: this.absences, overrides: this.overrides, solveId: this.solveId, solvedKey: this.solvedKey };
    sessionStorage.setItem(this.draftKey(), JSON.stringify(draft));
  }

  async restoreDraft() {
    const text = sessionStorage.getItem(this.draftKey());
    if (!text) return;
    const draft = JSON.parse(text);
    if (this.publication && draft.solveId === this.publication.solve_id && draft.solvedKey === this.solvedKey) return;
    this.absences = draft.absences || [];
    this.overrides = draft.overrides || [];
    if (draft.solveId && draft.solveId !== this.publication?.solve_id) {
      try {
        const solved = await api.get(`/solves/${draft.solveId}`);
        this.roster = solved.roster;
        this.rememberArrivals(solved.roster);
        this.solveId = draft.solveId;
        this.solvedKey = draft.solvedKey;
      } catch {
        this.solveId = this.publication?.solve_id ?? null;
      }
    }
  }

  // --- input -------------------------------------------------------------------------------------

  wire() {
    $("#absence-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.addAbsence();
    });
    $("#override-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.addOverride();
    });
    for (const id of ["absence-person", "override-person"]) {
      const input = $(`#${id}`);
      input.addEventListener("input", () => this.showMatch(input));
    }
    // The call's time follows the clock until the planner types one.
    const time = $("#absence-time");
    time.addEventListener("input", () => {
      time.dataset.typed = "true";
    });
    $("#absence-person").addEventListener("focus", () => this.fillCallTime());
    $("#solve").addEventListener("click", () => this.solve());
    $("#publish").addEventListener("click", () => this.publish());
    $("#undo").addEventListener("click", () => this.undo());
    $("#print").addEventListener("click", () => window.print());
    $("#export").addEventListener("click", () => this.export());
    $("#show-all").addEventListener("click", () => {
      this.showAll = !this.showAll;
      this.render();
    });
  }

  fillSelects() {
    const kind = clear($("#absence-kind"));
    for (const k of KINDS) kind.append(h("option", { value: k }, sw("absence", k)));
    kind.value = "sick";
    const part = clear($("#absence-part"));
    for (const p of PARTS) part.append(h("option", { value: p }, t(`part_${p}`)));
    const site = clear($("#override-site"));
    for (const s of [...this.sites.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      site.append(h("option", { value: s.id }, `${s.id} ${s.name}`));
    }
  }

  /** The person meant by what was typed: an id, "id name" (the list), or a unique name part. */
  findPerson(text) {
    const query = text.trim();
    if (!query) return null;
    const first = query.split(/\s+/)[0].toUpperCase();
    for (const id of [query, first, query.toUpperCase()]) if (this.people.has(id)) return this.people.get(id);
    const lower = query.toLowerCase();
    const matches = [...this.people.values()].filter((p) => p.name.toLowerCase().includes(lower));
    const exact = matches.filter((p) => p.name.toLowerCase() === lower);
    if (exact.length === 1) return exact[0];
    return matches.length === 1 ? matches[0] : null;
  }

  showMatch(input) {
    const out = $(`#${input.id}-match`);
    const person = this.findPerson(input.value);
    if (!input.value.trim()) out.textContent = "";
    else if (person) out.textContent = t("found_person", { name: person.name, id: person.id, role: this.roleWord(person.role) });
    else out.textContent = t("unknown_person", { q: input.value.trim() });
  }

  /** Add what the form says about the person typed in `input`, or say who was not found. */
  addFor(input, add) {
    const person = this.findPerson(input.value);
    if (person) {
      this.pushUndo();
      add(person);
      input.value = "";
      this.changed();
    }
    this.showMatch(input);
    input.focus();
  }

  /**
   * The time a call comes in: the clock, once the shift has started on the day being planned
   * (today); empty before the start and on another day, which means "known at the shift start".
   */
  defaultCallTime() {
    const start = this.shift?.start;
    if (!start || this.ctx.date !== todayIso()) return "";
    const now = clockNow();
    return now >= start ? now : "";
  }

  /** Put the clock in the call time field, unless the planner typed a time for this call. */
  fillCallTime(force = false) {
    const field = $("#absence-time");
    if (force) delete field.dataset.typed;
    if (field.dataset.typed !== "true") field.value = this.defaultCallTime();
  }

  addAbsence() {
    this.addFor($("#absence-person"), (person) => {
      const absence = { person: person.id, kind: $("#absence-kind").value, part: $("#absence-part").value };
      const time = $("#absence-time").value;
      if (time) absence.reported_at = time.slice(0, 5);
      // One absence per person and day: a new call about the same person replaces the old one.
      this.absences = [...this.absences.filter((a) => a.person !== person.id), absence];
      this.fillCallTime(true);
    });
  }

  removeAbsence(person) {
    this.pushUndo();
    this.absences = this.absences.filter((a) => a.person !== person);
    this.changed();
  }

  addOverride() {
    this.addFor($("#override-person"), (person) => {
      const override = { person: person.id, site: $("#override-site").value, action: $("#override-action").value };
      // A pin is one site per person; a forbid may be several. A new decision about the same
      // person and site replaces the old one.
      this.overrides = [
        ...this.overrides.filter(
          (o) => !(o.person === override.person && (o.site === override.site || (o.action === "pin" && override.action === "pin"))),
        ),
        override,
      ];
    });
  }

  removeOverride(override) {
    this.pushUndo();
    this.overrides = this.overrides.filter((o) => o !== override);
    this.changed();
  }

  changed() {
    this.saveDraft();
    this.render();
  }

  inputsKey() {
    const absences = [...this.absences].map((a) => `${a.person}:${a.kind}:${a.part || "day"}:${a.reported_at || ""}`).sort();
    const overrides = [...this.overrides].map((o) => `${o.action}:${o.person}:${o.site}`).sort();
    return JSON.stringify([absences, overrides]);
  }

  // --- undo --------------------------------------------------------------------------------------

  snapshot() {
    return {
      absences: this.absences.map((a) => ({ ...a })),
      overrides: this.overrides.map((o) => ({ ...o })),
      roster: this.roster,
      solveId: this.solveId,
      solvedKey: this.solvedKey,
      check: this.check,
      replan: this.replan,
    };
  }

  pushUndo() {
    this.undoStack.push(this.snapshot());
    if (this.undoStack.length > 50) this.undoStack.shift();
  }

  undo() {
    const last = this.undoStack.pop();
    if (!last) return;
    Object.assign(this, last);
    this.saveDraft();
    $("#solve-status").textContent = "";
    this.render();
  }

  // --- solve, re-plan, publish -----------------------------------------------------------------

  /** After publishing, a new absence re-plans against the published roster (changes only). */
  mode() {
    if (!this.publication) return "solve";
    const told = new Map((this.publication.request.absences || []).map((a) => [a.person, a]));
    const removed = [...told.keys()].some((p) => !this.absences.some((a) => a.person === p));
    const late = this.absences.filter((a) => !same(told.get(a.person), a));
    return late.length && !removed ? "replan" : "solve";
  }

  lateAbsences() {
    const told = new Map((this.publication?.request.absences || []).map((a) => [a.person, a]));
    return this.absences.filter((a) => !same(told.get(a.person), a));
  }

  overridesOf(action) {
    return this.overrides.filter((o) => o.action === action).map(({ person, site }) => ({ person, site }));
  }

  async solve() {
    if (this.busyNow) return;
    const mode = this.mode();
    const { company, date } = this.ctx;
    // Pins and forbids go as full lists, also when re-planning: the planner may have lifted one.
    const body = { time_limit: TIME_LIMIT, lang: lang(), pins: this.overridesOf("pin"), forbids: this.overridesOf("forbid") };
    const onBusy = (seconds) => {
      $("#solve-status").textContent = t("busy_retry", { s: seconds });
    };
    this.ctx.clearError();
    this.pushUndo();
    const started = performance.now();
    this.setBusy(mode);
    try {
      if (mode === "replan") {
        body.absences = this.lateAbsences().map(absenceOut);
        const result = await api.post(`/companies/${company}/rosters/${date}/replan`, body, { onBusy });
        const solved = await api.get(`/solves/${result.solve_id}`);
        this.roster = solved.roster;
        this.solveId = result.solve_id;
        this.replan = result;
        this.check = result.check;
        this.showAll = false;
      } else {
        body.date = date;
        body.absences = this.absences.map(absenceOut);
        const result = await api.post(`/companies/${company}/solve`, body, { onBusy });
        this.roster = result.roster;
        this.solveId = result.solve_id;
        this.replan = null;
        this.check = result.check;
      }
      this.solvedKey = this.inputsKey();
      this.rememberArrivals(this.roster);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const words = t("solver_status");
      $("#solve-status").textContent = t("solved", { s: seconds, status: words[this.roster.status] ?? this.roster.status });
      if (this.check && !this.check.ok) this.ctx.error(new Error(t("check_failed", { v: this.check.violations.join("; ") })));
      this.saveDraft();
    } catch (err) {
      this.undoStack.pop();
      $("#solve-status").textContent = "";
      this.ctx.error(err);
    } finally {
      this.setBusy(null);
    }
    this.render();
  }

  setBusy(mode) {
    this.busyNow = !!mode;
    const box = $("#progress-box");
    const bar = $("#progress");
    const text = $("#progress-text");
    clearInterval(this.timer);
    $("#cards").setAttribute("aria-busy", String(!!mode));
    this.root.dataset.busy = String(!!mode);
    if (!mode) {
      show(box, false);
      this.renderButtons();
      return;
    }
    const started = performance.now();
    const tick = () => {
      const seconds = (performance.now() - started) / 1000;
      // The solver stops at its limit; the bar shows the share of that limit used so far.
      bar.value = Math.min(98, (100 * seconds) / TIME_LIMIT);
      text.textContent = t(mode === "replan" ? "replanning" : "solving", { s: Math.floor(seconds), limit: TIME_LIMIT });
    };
    tick();
    this.timer = setInterval(tick, 250);
    show(box, true);
    this.renderButtons();
  }

  async publish() {
    if (!this.solveId || this.busyNow) return;
    const { company, date } = this.ctx;
    this.ctx.clearError();
    try {
      // The version this planner last saw (null: none); another one published since is a 409.
      const base_version = this.publication ? this.publication.version : null;
      const entry = await api.post(`/companies/${company}/rosters/${date}/publish`, { solve_id: this.solveId, base_version });
      const published = await api.get(`/companies/${company}/rosters/${date}`);
      this.setPublication(published);
      this.replan = null;
      $("#solve-status").textContent = t("published_now", { version: entry.version });
      sessionStorage.removeItem(this.draftKey());
    } catch (err) {
      if (err.status === 409 && err.current) await this.publishedMeanwhile(err.current);
      else this.ctx.error(err);
    }
    this.render();
  }

  /** Someone else published while this planner worked: say who and when, and show that
   * version's banner so the differences with this draft are one look away. Nothing is lost. */
  async publishedMeanwhile(current) {
    const { company, date } = this.ctx;
    try {
      this.setPublication(await api.get(`/companies/${company}/rosters/${date}`));
    } catch (err) {
      this.ctx.error(err);
    }
    const status = $("#solve-status");
    clear(status);
    const look = h("a", { href: "#publication", onclick: () => $("#publication").scrollIntoView() }, t("see_differences"));
    status.append(t("published_meanwhile", { by: current.published_by, at: formatTime(current.published_at) }), " — ", look);
  }

  async export() {
    const { company, date } = this.ctx;
    const published = this.publication && this.solveId === this.publication.solve_id;
    const path = published
      ? `/companies/${company}/rosters/${date}/export.xlsx?lang=${lang()}`
      : `/solves/${this.solveId}/export.xlsx?lang=${lang()}`;
    try {
      await api.download(path, `rooster-${company}-${date}.xlsx`);
    } catch (err) {
      this.ctx.error(err);
    }
  }

  async suggest(siteId, out, button) {
    button.disabled = true;
    clear(out).append(h("li", {}, t("suggesting")));
    try {
      const body = {
        date: this.ctx.date,
        site: siteId,
        absences: this.absences.map(absenceOut),
        limit: 5,
      };
      const answer = await api.post(`/companies/${this.ctx.company}/suggest`, body);
      clear(out);
      if (!answer.suggestions.length) out.append(h("li", {}, t("suggest_none")));
      for (const s of answer.suggestions) {
        const note = s.note && s.note !== "-" ? `: ${s.note}` : "";
        out.append(h("li", {}, `${this.label(s.person)} (${this.roleWord(this.people.get(s.person)?.role ?? s.role)})${note}`));
      }
    } catch (err) {
      clear(out);
      this.ctx.error(err);
    } finally {
      button.disabled = false;
    }
  }

  // --- words -------------------------------------------------------------------------------------

  roleWord(role) {
    return t(`role_${role === "regular" ? "coach" : role}`);
  }

  name(id) {
    return this.people.get(id)?.name ?? id;
  }

  label(id) {
    const person = this.people.get(id);
    return person ? `${person.name} (${id})` : id;
  }

  placeWord(place) {
    if (place === "depot") return t("depot");
    if (place === "atelier") return t("atelier");
    return place;
  }

  // --- render ------------------------------------------------------------------------------------

  render() {
    $("#board-date").textContent = formatDate(this.ctx.date);
    this.root.dataset.solveId = this.solveId ?? "";
    this.root.dataset.version = this.publication?.version ?? "";
    this.root.dataset.mode = this.mode();
    // Which company and day the board shows once loaded: what a waiting script (or test) keys on.
    this.root.dataset.day = this.loadedDay ?? "";
    this.renderInputs();
    this.fillCallTime();
    this.renderBanners();
    this.renderChanges();
    this.renderCards();
    this.renderIdle();
    this.renderVans();
    this.renderCalls();
    this.renderAbsent();
    this.renderPrint();
    this.renderButtons();
  }

  renderButtons() {
    const has = !!this.roster;
    const stale = has && this.solvedKey !== this.inputsKey();
    const solve = $("#solve");
    solve.textContent = t(this.mode());
    solve.disabled = this.busyNow;
    const publishedNow = this.publication && this.solveId === this.publication.solve_id;
    $("#publish").disabled = this.busyNow || !has || stale || publishedNow;
    $("#undo").disabled = this.busyNow || !this.undoStack.length;
    $("#print").disabled = !has;
    $("#export").disabled = !has || !this.solveId;
  }

  renderInputs() {
    const told = new Map((this.publication?.request.absences || []).map((a) => [a.person, a]));
    const absences = clear($("#absence-list"));
    for (const a of this.absences) {
      const called = a.reported_at ? `, ${t("called_at", { time: a.reported_at })}` : "";
      const what = `${this.label(a.person)} — ${sw("absence", a.kind)}, ${t(`part_${a.part || "day"}`)}${called}`;
      const tag = this.publication ? (same(told.get(a.person), a) ? t("published_absence") : t("late_call")) : null;
      absences.append(
        h("li", { class: "chip", dataset: { person: a.person } },
          h("span", {}, what),
          tag ? h("span", { class: `tag ${same(told.get(a.person), a) ? "tag-muted" : "tag-late"}` }, tag) : null,
          h("button", { type: "button", class: "remove", "aria-label": t("remove", { what }), onclick: () => this.removeAbsence(a.person) }, "×"),
        ),
      );
    }
    const overrides = clear($("#override-list"));
    for (const o of this.overrides) {
      const verb = o.action === "pin" ? t("pin_at") : t("forbid_at");
      const what = `${this.label(o.person)} — ${verb} ${o.site}`;
      overrides.append(
        h("li", { class: `chip chip-${o.action}`, dataset: { person: o.person, site: o.site, action: o.action } },
          h("span", {}, what),
          h("button", { type: "button", class: "remove", "aria-label": t("remove", { what }), onclick: () => this.removeOverride(o) }, "×"),
        ),
      );
    }
  }

  renderBanners() {
    const banner = $("#publication");
    const p = this.publication;
    clear(banner);
    banner.className = "banner";
    if (p && this.solveId === p.solve_id) {
      banner.classList.add("ok");
      banner.append(h("strong", {}, t("published_banner", { version: p.version, by: p.published_by, at: formatTime(p.published_at) })));
      if (p.history.length > 1) {
        const list = p.history.map((e) => `v${e.version} ${formatTime(e.published_at)} (${e.published_by})`).join(", ");
        banner.append(" ", h("span", { class: "muted" }, t("history", { list })));
      }
      show(banner, true);
    } else if (this.roster) {
      banner.classList.add("draft");
      banner.append(
        h("strong", {}, p ? t("draft_over_published", { version: p.version, at: formatTime(p.published_at) }) : t("draft_banner")),
      );
      show(banner, true);
    } else {
      show(banner, false);
    }
    const stale = $("#stale");
    const isStale = !!this.roster && this.solvedKey !== this.inputsKey();
    stale.textContent = isStale ? t("stale", { action: t(this.mode()) }) : "";
    show(stale, isStale);
  }

  changedSites() {
    return new Set((this.replan?.changes.sites || []).map((s) => s.id));
  }

  renderChanges() {
    const box = $("#changes");
    if (!this.replan) {
      show(box, false);
      return;
    }
    const sites = this.replan.changes.sites;
    $("#changes-h").textContent = t("changes_title", { version: this.replan.based_on_version });
    $("#changes-intro").textContent = sites.length ? t("changes_intro", { n: sites.length }) : t("changes_none");
    const list = clear($("#changes-list"));
    const names = (ids) => ids.map((id) => this.label(id)).join(", ");
    for (const c of sites) {
      const parts = [];
      if (c.status_before !== c.status_after) {
        parts.push(t("status_change", { before: sw("status", c.status_before ?? "—"), after: sw("status", c.status_after) }));
      }
      if (c.coaches_in.length) parts.push(t("coaches_in", { list: names(c.coaches_in) }));
      if (c.coaches_out.length) parts.push(t("coaches_out", { list: names(c.coaches_out) }));
      if (c.workers_in.length) parts.push(t("workers_in", { list: names(c.workers_in) }));
      if (c.workers_out.length) parts.push(t("workers_out", { list: names(c.workers_out) }));
      if (c.present_before !== c.present_after) {
        parts.push(t("present_change", { before: c.present_before, after: c.present_after, headcount: c.headcount }));
      }
      const site = this.sites.get(c.id);
      list.append(
        h("li", { dataset: { site: c.id } },
          h("strong", {}, `${c.id} ${site?.name ?? ""}`),
          h("span", { class: `badge status-${c.status_after}` }, sw("status", c.status_after)),
          h("ul", {}, parts.map((p) => h("li", {}, p))),
        ),
      );
    }
    show(box, true);
  }

  renderCards() {
    const cards = clear($("#cards"));
    const roster = this.roster;
    show($("#empty"), !roster);
    const toggle = $("#show-all");
    if (!roster) {
      $("#summary").textContent = "";
      $("#not-running").textContent = "";
      show(toggle, false);
      return;
    }
    const running = roster.enclaves.filter((s) => !NOT_RUNNING.has(s.status));
    running.sort((a, b) => (SEVERITY[a.status] ?? 9) - (SEVERITY[b.status] ?? 9) || a.id.localeCompare(b.id));
    const counts = {};
    for (const s of running) counts[s.status] = (counts[s.status] || 0) + 1;
    const parts = Object.keys(SEVERITY)
      .filter((k) => counts[k])
      .map((k) => `${counts[k]} ${sw("status", k).toLowerCase()}`);
    $("#summary").textContent = t("summary", { n: running.length, parts: parts.join(", ") });
    const idle = roster.enclaves.filter((s) => NOT_RUNNING.has(s.status));
    $("#not-running").textContent = idle.length
      ? t("not_running", { list: idle.map((s) => `${s.id} (${sw("status", s.status)})`).join(", ") })
      : "";
    const changed = this.changedSites();
    const onlyChanges = !!this.replan && !this.showAll;
    show(toggle, !!this.replan);
    toggle.textContent = this.showAll ? t("show_changed") : t("show_all");
    toggle.setAttribute("aria-pressed", String(this.showAll));
    for (const site of running) {
      if (onlyChanges && !changed.has(site.id)) continue;
      cards.append(this.card(site, changed.has(site.id)));
    }
  }

  card(site, changed) {
    const moves = new Map(this.roster.moves.map((m) => [`${m.person}|${m.to}`, m]));
    const pins = new Map(this.overrides.filter((o) => o.action === "pin").map((o) => [o.person, o.site]));
    const forbids = this.overrides.filter((o) => o.action === "forbid" && o.site === site.id);
    const headingId = `site-${site.id}-h`;
    const name = this.sites.get(site.id)?.name ?? site.name;

    const mark = (person) => {
      if (pins.get(person) === site.id) return h("span", { class: "mark mark-planner" }, t("by_planner_pin"));
      const move = moves.get(`${person}|${site.id}`);
      if (!move) return null;
      return h("span", { class: "mark mark-solver" },
        `${t("by_solver")}: ${this.moveWords(move)}`,
        move.late ? h("span", { class: "tag tag-late" }, t("late")) : null);
    };
    const personItem = (id, parts = {}) =>
      h("li", { dataset: { person: id } },
        h("span", { class: "who" }, this.label(id)),
        parts[id] ? h("span", { class: "part", dataset: { part: parts[id] } }, ` (${t(`part_${parts[id]}`)})`) : null,
        this.people.get(id)?.role === "vlinder" ? h("span", { class: "tag tag-vlinder" }, t("role_vlinder")) : null,
        mark(id));
    const coachParts = site.coach_parts ?? {};
    const workerParts = site.worker_parts ?? {};

    const coaches = site.coaches.length
      ? h("ul", { class: "people" }, site.coaches.map((c) => personItem(c, coachParts)))
      : site.kind === "enclave"
        ? h("p", { class: "none" }, t("no_coach_here"))
        : h("p", { class: "muted" }, "—");
    const standIns = site.workers.filter((w) => pins.get(w) === site.id || moves.has(`${w}|${site.id}`));
    const body = [
      h("dl", { class: "facts" },
        h("dt", {}, t("coaches")), h("dd", {}, coaches),
        h("dt", {}, t("team")),
        h("dd", {},
          h("span", { class: "count" }, `${site.present}/${site.headcount}`), " ",
          h("span", { class: "muted" }, t("present")),
          site.kind === "enclave"
            ? h("div", { class: "muted small" },
              t("load", { load: formatNumber(site.coach_load, 2), capacity: formatNumber(site.coach_capacity, 2) }))
            : null,
        ),
      ),
    ];
    const concerns = this.concerns(site);
    if (concerns.length) body.push(h("ul", { class: "concerns" }, concerns.map((c) => h("li", { dataset: { concern: c.kind } }, c.text))));
    if (site.halves) body.push(this.halvesList(site));
    if (standIns.length) {
      body.push(h("div", { class: "stand-ins" }, h("h4", {}, t("stand_ins")),
        h("ul", { class: "people" }, standIns.map((w) => personItem(w, workerParts)))));
    }
    if (forbids.length) {
      body.push(
        h("ul", { class: "people forbidden" },
          forbids.map((o) =>
            h("li", { dataset: { person: o.person } },
              h("span", { class: "who" }, this.label(o.person)),
              h("span", { class: "mark mark-forbid" }, t("by_planner_forbid"))))),
      );
    }
    const halfWithout = this.halfWithoutCoach(site);
    if (halfWithout) {
      body.unshift(h("p", { class: "plain-warning" }, t("no_coach_half", { site: site.id, half: t(`part_${halfWithout}`) })));
    } else if (site.status === "no_coach") {
      body.unshift(h("p", { class: "plain-warning" }, t("cannot_run", { site: site.id })));
    }
    if (site.reasons?.length) {
      body.push(
        h("details", { class: "reasons", open: site.reasons.length <= 3 },
          h("summary", {}, `${t("reasons")} (${site.reasons.length})`),
          h("ul", {}, site.reasons.map((r) => h("li", {}, r)))),
      );
    }
    if (site.status === "no_coach") body.push(this.options(site));
    if (site.workers.length) {
      body.push(
        h("details", { class: "team" },
          h("summary", {}, t("whole_team", { n: site.workers.length })),
          h("ul", { class: "plain-list small" }, site.workers.map((w) =>
            h("li", {}, this.label(w), workerParts[w] ? ` (${t(`part_${workerParts[w]}`)})` : "")))),
      );
    }
    return h("article", { class: `card status-${site.status}${changed ? " changed" : ""}`, "aria-labelledby": headingId, dataset: { site: site.id, status: site.status } },
      h("header", { class: "card-head" },
        h("h3", { id: headingId }, h("span", { class: "site-id" }, site.id), " ", h("span", { class: "site-name" }, name)),
        h("span", { class: `badge status-${site.status}` }, sw("status", site.status)),
        changed ? h("span", { class: "tag tag-changed" }, t("changed")) : null),
      body);
  }

  /** A move in words: from where and when it leaves (on which van), when it arrives, and the
   * half it is for. */
  moveWords(move) {
    const from = this.placeWord(move.from);
    const text = move.van && move.depart
      ? t("move_by_van", { from, van: move.van, depart: move.depart, arrival: move.arrival })
      : move.depart
        ? t("move_times", { from, depart: move.depart, arrival: move.arrival })
        : t("from_arrival", { from, arrival: move.arrival });
    return move.part && move.part !== "day" ? `${text} (${t(`part_${move.part}`)})` : text;
  }

  /** The coaches of a site in one half: the half's own list, else everyone not there for the
   * other half only. */
  coachesIn(site, half) {
    const own = site.halves?.[half]?.coaches;
    if (own) return own;
    return site.coaches.filter((c) => (site.coach_parts?.[c] ?? half) === half);
  }

  /**
   * When a site is without a coach, half by half: a half with no coach is without one from its
   * start to its end; a half whose every coach comes by a move of this roster (none there from
   * the start) waits until the first one arrives. A coach who came in the morning is there in
   * the afternoon. Each gap: {half, from, until, whole}.
   */
  gaps(site) {
    const known = this.sites.get(site.id);
    const bounds = {
      am: [known?.start ?? this.shift?.start, this.shift?.midday],
      pm: [this.shift?.midday, known?.end ?? this.shift?.end],
    };
    const moveOf = (coach, half) =>
      this.roster.moves.find((m) => m.person === coach && m.to === site.id &&
        (half === "pm" ? m.part === "pm" : (m.part ?? "day") !== "pm"));
    const gaps = [];
    for (const half of HALVES) {
      const [start, end] = bounds[half];
      if (!start || !end) continue;
      const coaches = this.coachesIn(site, half);
      if (!coaches.length) {
        gaps.push({ half, from: start, until: end, whole: true });
        continue;
      }
      const arrivals = coaches.map((c) => moveOf(c, half)?.arrival ?? null);
      if (arrivals.includes(null)) continue; // someone there from the start
      const first = arrivals.sort()[0];
      if (first > start) gaps.push({ half, from: start, until: first, whole: false });
    }
    return gaps;
  }

  /** How long a site is without a coach, in words: until when when that adds up to the
   * roster's minutes, else the minutes alone. */
  uncoveredWords(site) {
    const minutes = site.uncovered_minutes ?? 0;
    const gaps = this.gaps(site);
    const length = (g) => toMinutes(g.until) - toMinutes(g.from);
    if (!gaps.length || gaps.reduce((sum, g) => sum + length(g), 0) !== minutes) {
      return t("uncovered_minutes", { n: minutes });
    }
    if (gaps.length === 2 && gaps.every((g) => g.whole)) return `${t("uncovered_day")} (${minutes} min)`;
    const words = gaps.map((g) => {
      if (g.whole) return t("uncovered_half", { half: t(`part_${g.half}`) });
      if (g.half === "am") return t("uncovered_until", { until: g.until });
      return t("uncovered_between", { from: g.from, until: g.until });
    });
    return `${words.join("; ")} (${minutes} min)`;
  }

  /** What is wrong with a site besides its status word, in words: the coaches it lacks (never
   * internal units) and how long it is without a coach. */
  concerns(site) {
    const out = [];
    if (site.coach_shortfall > 0) {
      out.push({ kind: "shortfall", text: t("shortfall", { n: formatNumber(site.coach_shortfall) }) });
    }
    if ((site.uncovered_minutes ?? 0) > 0) out.push({ kind: "uncovered", text: this.uncoveredWords(site) });
    for (const run of this.fullRunsAt(site)) {
      const seats = t("van_seats", { taken: run.riders.length, seats: run.seats });
      // Not on paper (`screen`): there the run itself says it is full, and the day stays one page.
      out.push({ kind: "van_full", text: t("van_full_here", { run: t("van_run", { van: run.id, depart: run.depart }), seats, site: site.id }), screen: true });
    }
    return out;
  }

  /** The half a site has no coach in, when it has one in the other (null: all day or never). */
  halfWithoutCoach(site) {
    if (site.kind !== "enclave" || !site.coaches.length) return null;
    return HALVES.find((half) => !this.coachesIn(site, half).length) ?? null;
  }

  /** The morning and the afternoon of a site whose halves differ: status, coaches, team. */
  halvesList(site) {
    return h("dl", { class: "halves" },
      HALVES.filter((half) => site.halves[half]).map((half) => {
        const part = site.halves[half];
        const coaches = part.coaches?.length ? part.coaches.map((c) => this.label(c)).join(", ") : t("no_coach_here");
        return [
          h("dt", {}, t(`part_${half}`)),
          h("dd", { dataset: { half } },
            h("span", { class: `badge status-${part.status}` }, sw("status", part.status)), " ",
            h("span", {}, coaches),
            part.present !== undefined ? h("span", { class: "muted small" }, ` · ${part.present}/${site.headcount}`) : null),
        ];
      }));
  }

  /** What is left when a site has no coach: train someone, interim, or temporary unemployment. */
  options(site) {
    const idle = this.roster.idle?.coaches ?? [];
    const untrained = idle.filter((id) => {
      const p = this.people.get(id);
      return p && p.home !== site.id && !p.trained_at.includes("*") && !p.trained_at.includes(site.id);
    });
    const interims = [...this.people.values()].filter((p) => p.role === "interim");
    const refused = (site.reasons || []).some((r) => r.toLowerCase().includes("interim"));
    const items = [
      untrained.length ? t("option_train", { list: untrained.map((id) => this.label(id)).join(", ") }) : t("option_train_none"),
      refused
        ? t("option_interim_refused")
        : interims.length
          ? t("option_interim_list", { list: interims.map((p) => this.label(p.id)).join(", ") })
          : t("option_interim_none"),
      t("option_unemployment", { n: site.headcount }),
    ];
    const found = h("ul", { class: "suggestions", "aria-live": "polite" });
    const button = h("button", { type: "button", class: "quiet" }, t("suggest"));
    button.addEventListener("click", () => this.suggest(site.id, found, button));
    return h("div", { class: "options" },
      h("h4", {}, t("options_left")),
      h("ul", {}, items.map((i) => h("li", {}, i))),
      button, found);
  }

  /**
   * Where each worker not at a site is today: `atelier` and `home` when the roster says (issue
   * 13), else null (a roster made before: its idle workers are only "free").
   */
  idlePlaces(roster = this.roster) {
    const idle = roster?.idle ?? {};
    if (!Array.isArray(idle.atelier) && !Array.isArray(idle.home)) return null;
    return { atelier: idle.atelier ?? [], home: idle.home ?? [] };
  }

  /**
   * Who to call, most urgent first: the late ones, then by departure and arrival. Everyone is told
   * where to go: their own site, another site, the atelier, or home. Who stays where they are
   * expected (their own site, an atelier worker in the atelier) needs no call.
   */
  calls() {
    if (!this.roster) return [];
    const places = this.idlePlaces();
    const whereIdle = (id) => (places?.atelier.includes(id) ? "atelier" : places?.home.includes(id) ? "home" : "free");
    if (this.replan) {
      return this.replan.call.map((c) => ({
        ...c,
        to: c.to.map((site) => ({ site, part: this.partAt(c.person, site) })),
        action: c.action === "free" ? whereIdle(c.person) : c.action,
        depart: this.roster.moves.filter((m) => m.person === c.person).map((m) => m.depart).filter(Boolean).sort()[0] ?? null,
        van: this.roster.moves.find((m) => m.person === c.person && m.van)?.van ?? null,
      }));
    }
    const byPerson = new Map();
    for (const m of this.roster.moves) {
      const c = byPerson.get(m.person) ??
        { person: m.person, role: m.role, from: [], to: [], action: "go", depart: m.depart ?? null, arrival: m.arrival, late: false, van: null };
      if (!c.from.includes(m.from)) c.from.push(m.from);
      if (m.van && !c.van) c.van = m.van; // collective transport: the van the worker rides
      c.to.push({ site: m.to, part: m.part && m.part !== "day" ? m.part : null });
      if (m.arrival < c.arrival) c.arrival = m.arrival;
      if (m.depart && (!c.depart || m.depart < c.depart)) c.depart = m.depart;
      c.late = c.late || !!m.late;
      byPerson.set(m.person, c);
    }
    // Someone kept free whose own site runs today would travel there for nothing: call them too
    // (the rule of not_needed in solver/analysis/replan.py). Where the roster says where its
    // workers at no site are, the call list says it as the printed one does (solver/reports/
    // day_report.py): to the atelier (whose home is the atelier is there already) or home.
    const running = new Set(this.roster.enclaves.filter((s) => !NOT_RUNNING.has(s.status)).map((s) => s.id));
    for (const id of [...(this.roster.idle?.coaches ?? []), ...(this.roster.idle?.workers ?? [])]) {
      const person = this.people.get(id);
      if (!person?.home || byPerson.has(id)) continue;
      const action = person.role === "worker" ? whereIdle(id) : "free";
      const needed = { atelier: person.home !== "atelier", home: true, free: running.has(person.home) }[action];
      if (!needed) continue;
      byPerson.set(id, { person: id, role: person.role, from: [person.home], to: [], action, depart: null, arrival: null, late: false });
    }
    const calls = [...byPerson.values()];
    calls.sort((a, b) =>
      Number(a.late === false) - Number(b.late === false) ||
      (a.arrival || "99:99").localeCompare(b.arrival || "99:99") ||
      a.to.map((x) => x.site).join().localeCompare(b.to.map((x) => x.site).join()) ||
      a.person.localeCompare(b.person));
    return calls;
  }

  /** The half a person is at a site for, when only one (null: the whole day). */
  partAt(person, siteId) {
    const site = this.roster?.enclaves.find((s) => s.id === siteId);
    return site?.coach_parts?.[person] ?? site?.worker_parts?.[person] ?? null;
  }

  /** Where a call sends someone, in words: a site (theirs or another), the atelier, home. */
  destination(c) {
    if (c.action === "atelier") return h("strong", { dataset: { dest: "atelier" } }, t("to_atelier"));
    if (c.action === "home") return h("span", { class: "tag tag-home", dataset: { dest: "home" } }, t("to_home"));
    if (c.action === "free" || !c.to.length) return h("span", { class: "tag tag-muted", dataset: { dest: "free" } }, t("free"));
    const home = this.people.get(c.person)?.home;
    return c.to.map(({ site, part }, i) => [
      i ? ", " : "",
      h("strong", { dataset: { dest: site === home ? "own" : "other" } }, site),
      part ? ` (${t(`part_${part}`)})` : "",
    ]);
  }

  /** Under the route: whether it is the person's own site or another, and when to leave (and
   * on which van, for a worker on collective transport: it leaves from the depot). */
  routeNote(c) {
    const home = this.people.get(c.person)?.home;
    const kinds = c.action === "go" ? [...new Set(c.to.map(({ site }) => (site === home ? t("own_site") : t("other_site"))))] : [];
    const how = c.van && c.depart
      ? t("by_van", { van: c.van, depart: c.depart, arrival: c.arrival ?? "—" })
      : c.depart ? t("depart_at", { time: c.depart }) : null;
    const note = [...kinds, how].filter(Boolean).join(" · ");
    return note ? h("span", { class: "muted small block", dataset: c.van ? { van: c.van } : {} }, note) : null;
  }

  reachedKey() {
    return `enclaveplan.reached|${this.ctx.company}|${this.ctx.date}|${this.solveId}`;
  }

  reached() {
    return new Set(JSON.parse(sessionStorage.getItem(this.reachedKey()) || "[]"));
  }

  setReached(person, done) {
    const set = this.reached();
    if (done) set.add(person);
    else set.delete(person);
    sessionStorage.setItem(this.reachedKey(), JSON.stringify([...set]));
    this.renderCallCount();
  }

  renderCalls() {
    const calls = this.calls();
    const body = clear($("#calls tbody"));
    const reached = this.reached();
    show($("#calls"), calls.length > 0);
    show($("#calls-empty"), !!this.roster && !calls.length);
    for (const c of calls) {
      const id = `reached-${c.person}`;
      const box = h("input", { type: "checkbox", id, checked: reached.has(c.person) });
      const row = h("tr", { dataset: { person: c.person }, class: reached.has(c.person) ? "done" : "" },
        h("td", { class: "tick" }, box, h("label", { for: id, class: "visually-hidden" }, t("reached_label", { name: this.name(c.person) }))),
        h("td", {},
          h("span", { class: "who" }, this.name(c.person)),
          h("span", { class: "muted small block" }, `${c.person} · ${this.roleWord(c.role)}`)),
        h("td", { class: "route" },
          c.from.length ? c.from.map((f) => this.placeWord(f)).join(", ") : t("unplaced"),
          h("span", { "aria-hidden": "true" }, " → "),
          h("span", { class: "visually-hidden" }, ` ${t("to").toLowerCase()} `),
          this.destination(c),
          this.routeNote(c)),
        h("td", {}, c.arrival ?? "—", c.late ? h("span", { class: "tag tag-late" }, t("late")) : null));
      box.addEventListener("change", () => {
        row.classList.toggle("done", box.checked);
        this.setReached(c.person, box.checked);
      });
      body.append(row);
    }
    this.renderCallCount();
  }

  renderCallCount() {
    const calls = this.calls();
    const reached = this.reached();
    const done = calls.filter((c) => reached.has(c.person)).length;
    $("#calls-count").textContent = calls.length ? t("calls_count", { reached: done, total: calls.length }) : "";
  }

  renderAbsent() {
    const box = $("#absent-box");
    const absent = this.roster?.absent;
    if (!absent || Array.isArray(absent) || !Object.keys(absent).length) {
      show(box, false);
      return;
    }
    const ids = Object.keys(absent).sort();
    $("#absent-summary").textContent = t("absent_title", { n: ids.length });
    const list = clear($("#absent-list"));
    for (const id of ids) list.append(h("li", {}, `${this.label(id)} — ${sw("absence", absent[id])}`));
    show(box, true);
  }

  /** Everyone working somewhere other than their usual place today (the notice board's list),
   * with when they leave and arrive and, for one half only, which half. */
  awayFromHome(roster) {
    const byPerson = new Map();
    const running = roster.enclaves.filter((s) => !NOT_RUNNING.has(s.status));
    for (const site of running) {
      for (const id of [...site.coaches, ...site.workers]) {
        const home = this.people.get(id)?.home || "depot";
        if (home === site.id) continue;
        const move = this.arrivals.get(`${id}|${site.id}`);
        const part = site.coach_parts?.[id] ?? site.worker_parts?.[id] ?? null;
        const entry = byPerson.get(id) ?? { person: id, from: home, to: [], depart: null, arrival: null, late: false };
        entry.to.push({ site: site.id, part });
        if (move && (!entry.arrival || move.arrival < entry.arrival)) entry.arrival = move.arrival;
        if (move?.depart && (!entry.depart || move.depart < entry.depart)) entry.depart = move.depart;
        if (move?.van) entry.van = move.van;
        entry.late = entry.late || !!move?.late;
        byPerson.set(id, entry);
      }
    }
    return [...byPerson.values()].sort((a, b) => a.to[0].site.localeCompare(b.to[0].site) || a.person.localeCompare(b.person));
  }

  // --- collective transport (issue 16) -------------------------------------------------------------

  /** Today's van runs (none: a roster without vans, or one made before them). */
  vanRuns(roster = this.roster) {
    return Array.isArray(roster?.vans) ? roster.vans : [];
  }

  /** A run's seats: "6 van 8 plaatsen, 2 vrij", or "8 van 8 plaatsen, vol". */
  seatsWords(taken, seats) {
    const left = taken >= seats ? t("van_full") : t("van_free", { n: seats - taken });
    return `${t("van_seats", { taken, seats })}, ${left}`;
  }

  /** The runs that stop at a short site with every seat to work taken: why a trained worker may
   * have stayed away (the reasons say it per person; the card says it at once). */
  fullRunsAt(site) {
    if (site.present >= site.headcount) return [];
    return this.vanRuns().filter((run) =>
      (run.riders?.length ?? 0) >= run.seats && (run.stops ?? []).some((s) => s.enclave === site.id));
  }

  /** Each run of the day: when it leaves the depot, its seats, its stops and their times, who
   * rides it to work and, at midday, who rides it home. */
  renderVans() {
    const runs = this.vanRuns();
    show($("#vans-box"), runs.length > 0);
    const list = clear($("#vans-list"));
    for (const run of runs) list.append(this.vanRun(run));
  }

  vanRun(run) {
    const riders = run.riders ?? [];
    const full = riders.length >= run.seats;
    const headingId = `van-${run.id}-${run.depart.replace(":", "")}-h`.replace(/[^A-Za-z0-9_-]/g, "_");
    const people = (ids) => (ids.length
      ? h("ul", { class: "plain-list small" }, ids.map((id) => h("li", { dataset: { person: id } }, this.label(id))))
      : h("p", { class: "muted small" }, t("nobody")));
    return h("article", { class: `van-run${full ? " full" : ""}`, "aria-labelledby": headingId, dataset: { van: run.id, depart: run.depart } },
      h("h3", { id: headingId }, t("van_run", { van: run.id, depart: run.depart })),
      h("p", { class: "seats" }, this.seatsWords(riders.length, run.seats)),
      h("h4", {}, t("van_stops")),
      h("ol", { class: "plain-list small" }, (run.stops ?? []).map((s) =>
        h("li", { dataset: { site: s.enclave } }, h("strong", {}, s.enclave), ` ${s.arrival}`))),
      h("h4", {}, t("van_riders", { n: riders.length })),
      h("div", { dataset: { leg: "to" } }, people(riders)),
      Array.isArray(run.home)
        ? [h("h4", {}, t("van_home", { n: run.home.length })), h("div", { dataset: { leg: "home" } }, people(run.home))]
        : null);
  }

  /** Temporary unemployment in one sentence (null: a roster without the counts). */
  unemploymentWords() {
    const tu = this.roster?.temporary_unemployment;
    if (!tu || tu.sent_home === undefined) return null;
    if (!tu.sent_home) return t("unemployment_none");
    return t("unemployment", { n: tu.sent_home, no_coach: tu.from_sites_without_coach ?? 0, kept_free: tu.kept_free ?? 0 });
  }

  /** The workers at no site today: in the atelier, or at home (temporary unemployment). */
  renderIdle() {
    const box = $("#idle-box");
    const places = this.idlePlaces();
    show(box, !!places);
    if (!places) return;
    $("#unemployment").textContent = this.unemploymentWords() ?? "";
    const fill = (list, ids, empty) => {
      clear(list);
      if (!ids.length) list.append(h("li", { class: "muted" }, empty));
      for (const id of ids) {
        const home = this.people.get(id)?.home;
        const from = home && home !== "atelier" ? h("span", { class: "muted small" }, ` ${t("home_site", { site: home })}`) : null;
        list.append(h("li", { dataset: { person: id } }, h("span", { class: "who" }, this.label(id)), from));
      }
    };
    $("#atelier-h").textContent = t("atelier_title", { n: places.atelier.length });
    $("#home-h").textContent = t("home_title", { n: places.home.length });
    fill($("#atelier-list"), places.atelier, t("nobody"));
    fill($("#home-list"), places.home, t("nobody"));
  }

  /** A site's status on paper: its word, each half's when they differ, and what is wrong. */
  printStatus(site) {
    const lines = [h("span", {}, sw("status", site.status))];
    if (site.halves) {
      const halves = HALVES.filter((half) => site.halves[half])
        .map((half) => `${t(PART_SHORT[half])}: ${sw("status", site.halves[half].status)}`);
      lines.push(h("span", { class: "print-note" }, halves.join(" · ")));
    }
    for (const c of this.concerns(site).filter((c) => !c.screen)) lines.push(h("span", { class: "print-note" }, c.text));
    return lines;
  }

  /**
   * The day's van runs on paper, dense so that the day stays one page: each run that carries
   * someone with its seats, its stops and their arrival, and its riders by id (at midday also who
   * goes home); the runs nobody rides today named on one line. Nothing without vans.
   */
  printVans(roster) {
    const runs = this.vanRuns(roster);
    if (!runs.length) return [];
    const name = (run) => t("van_run", { van: run.id, depart: run.depart });
    const used = runs.filter((run) => run.riders?.length || run.home?.length);
    const empty = runs.filter((run) => !used.includes(run));
    const line = (run) => {
      const riders = run.riders ?? [];
      const left = riders.length >= run.seats ? t("van_full") : t("van_free", { n: run.seats - riders.length });
      return h("span", { class: "print-van", dataset: { van: run.id, depart: run.depart } },
        h("strong", {}, name(run)),
        ` ${riders.length}/${run.seats}, ${left} · `,
        (run.stops ?? []).map((s) => `${s.enclave} ${s.arrival}`).join(", "),
        ` · ${riders.join(", ") || "—"}`,
        Array.isArray(run.home) ? ` · ${t("print_van_home", { list: run.home.join(", ") || "—" })}` : "");
    };
    const out = [
      h("h2", {}, t("vans_title")),
      h("p", { class: "print-vans-legend" }, t("print_vans_legend")),
      h("p", { class: "print-vans" }, used.map((run, i) => [i ? " | " : "", line(run)])),
    ];
    if (empty.length) out.push(h("p", { class: "print-vans" }, t("print_vans_empty", { list: empty.map(name).join(", ") })));
    return out;
  }

  /**
   * The day on one A4 page for the notice board: sites, coaches, the team count, who works
   * elsewhere than usual (when they leave and arrive), the atelier and who stays home. No
   * absence kinds on paper: a notice board is read by everyone, and "sick" is health data.
   */
  renderPrint() {
    const sheet = clear($("#print-sheet"));
    sheet.classList.toggle("with-vans", this.vanRuns().length > 0);
    const roster = this.roster;
    if (!roster) return;
    const p = this.publication;
    const isPublished = p && this.solveId === p.solve_id;
    const running = roster.enclaves.filter((s) => !NOT_RUNNING.has(s.status)).sort((a, b) => a.id.localeCompare(b.id));
    const away = this.awayFromHome(roster);
    const short = (part) => (part ? ` (${t(PART_SHORT[part])})` : "");
    const coachesOf = (s) =>
      s.coaches.length ? s.coaches.map((c) => `${this.label(c)}${short(s.coach_parts?.[c])}`).join(", ") : "—";
    const places = this.idlePlaces();
    const names = (ids) => (ids.length ? ids.map((id) => this.label(id)).join(", ") : t("nobody"));
    sheet.append(
      h("h1", {}, t("print_title", { company: this.companyName, date: formatDate(this.ctx.date) })),
      h("p", { class: "print-meta" },
        isPublished ? t("print_version", { version: p.version, at: formatTime(p.published_at), by: p.published_by }) : t("print_draft")),
      h("table", { class: "print-sites" },
        h("thead", {}, h("tr", {},
          h("th", {}, t("site")), h("th", {}, t("status_col")), h("th", {}, t("coaches")), h("th", {}, t("team")))),
        h("tbody", {}, running.map((s) =>
          h("tr", { class: `status-${s.status}`, dataset: { site: s.id } },
            h("td", {}, h("strong", {}, s.id), " ", this.sites.get(s.id)?.name ?? s.name),
            h("td", {}, this.printStatus(s)),
            h("td", {}, coachesOf(s)),
            h("td", { class: "num" }, `${s.present}/${s.headcount}`))))),
      h("h2", {}, t("print_moves")),
      away.length
        ? h("ul", { class: "print-moves" }, away.map((c) =>
          h("li", { dataset: { person: c.person } },
            h("strong", {}, this.label(c.person)), " ",
            `${this.placeWord(c.from)} → ${c.to.map(({ site, part }) => `${site}${short(part)}`).join(", ")}`,
            c.arrival
              ? ` (${c.van && c.depart
                ? t("print_by_van", { van: c.van, depart: c.depart, arrival: c.arrival })
                : `${c.depart ? `${t("depart_at", { time: c.depart })}, ` : ""}${t("arrival_at", { time: c.arrival })}`}${c.late ? `, ${t("late").toLowerCase()}` : ""})`
              : "")))
        : h("p", {}, t("no_calls")),
      // Spread: `append` takes nodes only (none for a roster without vans).
      ...this.printVans(roster),
      places
        ? h("div", { class: "print-idle" },
          h("p", { class: "print-atelier" }, h("strong", {}, `${t("atelier_title", { n: places.atelier.length })}: `), names(places.atelier)),
          h("p", { class: "print-home" }, h("strong", {}, `${t("home_title", { n: places.home.length })}: `), names(places.home)),
          h("p", { class: "print-unemployment" }, this.unemploymentWords() ?? ""))
        : null,
      h("p", { class: "print-foot" }, t("print_footer", { now: new Date().toLocaleString(lang() === "en" ? "en-GB" : "nl-BE") })),
    );
  }
}
