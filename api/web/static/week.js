// The week ahead (issue 14): the planner plans the next working days as a job, sees sites ×
// days (colour and word per status, who covers each hole), the early warnings with their fix,
// publishes the week, downloads it as Excel and prints it on one landscape A4 page. HR checks a
// leave before approving it: which site-days it costs and dates that cost none.

import * as api from "./api.js";
import { $, clear, h, show } from "./dom.js";
import { formatDate, formatNumber, lang, sw, t } from "./i18n.js";
import { Job } from "./analysis.js";

const NOT_RUNNING = new Set(["closed", "not_scheduled"]);
const WEEKDAYS = ["wd_mon", "wd_tue", "wd_wed", "wd_thu", "wd_fri", "wd_sat", "wd_sun"];

function shortDate(iso) {
  const d = new Date(`${iso}T12:00:00`);
  return `${t(WEEKDAYS[(d.getDay() + 6) % 7])} ${d.getDate()}/${d.getMonth() + 1}`;
}

/** The sites of the plan, sorted, each with its roster entry per day (null: not that day). */
function grid(plan) {
  const ids = new Set();
  for (const day of plan.days) for (const s of day.enclaves) ids.add(s.id);
  const rows = [];
  for (const id of [...ids].sort()) {
    const cells = plan.days.map((day) => day.enclaves.find((s) => s.id === id) ?? null);
    if (cells.every((c) => !c || NOT_RUNNING.has(c.status))) continue;
    rows.push({ id, name: cells.find((c) => c)?.name ?? id, cells });
  }
  return rows;
}

/** Who came in to this site that day: the replacements (vlinder, coach or worker moved in). */
function coverOf(day, siteId) {
  return (day.moves || []).filter((m) => m.to === siteId);
}

/** Under the grid, per day: the chance that some enclave loses its coach to expected sickness,
 * and a mark when no vlinder is left in reserve (issue 14). */
function riskRow(plan) {
  const byDate = new Map((plan.risk || []).map((r) => [r.date, r]));
  return h("tr", { class: "week-risk" },
    h("th", { scope: "row" }, t("week_risk_row")),
    plan.days.map((day) => {
      const r = byDate.get(day.date);
      if (!r) return h("td", { class: "week-foot off", dataset: { date: day.date } }, "·");
      const none = r.all_vlinders_used;
      return h("td", {
        class: `week-foot${none ? " no-reserve" : ""}`,
        dataset: { date: day.date, chance: String(r.chance), reserve: none ? "none" : "some" },
      },
      h("span", { class: "week-chance" }, t("week_chance", { percent: formatNumber(100 * r.chance, 1) })),
      none ? h("span", { class: "week-no-reserve" }, t("week_no_reserve")) : null);
    }));
}

/** Under the grid, per day: the vlinders the plan trains on the job, and where. */
function trainingRow(plan) {
  const training = plan.training || [];
  return h("tr", { class: "week-training" },
    h("th", { scope: "row" }, t("week_training_row")),
    plan.days.map((day) => {
      const here = training.filter((x) => x.date === day.date);
      return h("td", { class: "week-foot", dataset: { date: day.date } },
        here.length
          ? here.map((x) => h("span", { class: "week-trains", dataset: { vlinder: x.vlinder, site: x.enclave } },
            t("week_trains", { vlinder: x.vlinder, enclave: x.enclave })))
          : "·");
    }));
}

export class Week {
  constructor(ctx) {
    this.ctx = ctx;
    this.plan = null;
    this.path = null;
    this.job = new Job({
      ctx,
      box: $("#week-progress-box"),
      bar: $("#week-progress"),
      text: $("#week-progress-text"),
      status: $("#week-status"),
      cancel: $("#week-cancel"),
    });
    $("#week-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    $("#week-publish").addEventListener("click", () => this.publish());
    $("#week-export").addEventListener("click", () => this.job.downloadResult(`weekplan-${this.ctx.company}.xlsx`));
    $("#week-print").addEventListener("click", () => this.print());
    window.addEventListener("afterprint", () => document.body.classList.remove("print-week"));
  }

  enter() {
    if (!$("#week-from").value) $("#week-from").value = this.ctx.date;
  }

  companyChanged() {
    this.plan = null;
    show($("#week-result"), false);
  }

  async languageChanged() {
    if (!this.path) return;
    await this.load();
  }

  async run() {
    const body = { from: $("#week-from").value, days: Number($("#week-days").value) };
    const base = `/companies/${encodeURIComponent(this.ctx.company)}/plans`;
    $("#week-published").textContent = "";
    const result = await this.job.run(() => api.post(base, body), base);
    if (!result) return;
    this.path = this.job.lastDone;
    $("#view-week").dataset.plan = this.path; // where the plan lives (the tests read it back)
    await this.load();
  }

  async load() {
    try {
      const answer = await api.get(`${this.path}/result?lang=${lang()}`);
      this.plan = answer.result;
      const warnings = await api.get(`${this.path}/warnings?lang=${lang()}`);
      this.warnings = warnings.warnings;
    } catch (err) {
      this.ctx.error(err);
      return;
    }
    this.render();
  }

  render() {
    const plan = this.plan;
    $("#week-result-h").textContent = t("week_result", { from: formatDate(plan.from), to: formatDate(plan.to) });
    const table = clear($("#week-grid"));
    table.append(h("caption", { class: "visually-hidden" }, t("week_grid_caption")));
    table.append(h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("site")),
      plan.days.map((day) => h("th", { scope: "col", dataset: { date: day.date } }, shortDate(day.date))))));
    const body = h("tbody");
    for (const row of grid(plan)) {
      body.append(h("tr", { dataset: { site: row.id } },
        h("th", { scope: "row" }, row.id, h("span", { class: "week-site-name" }, row.name)),
        row.cells.map((cell, i) => this.cell(plan.days[i], cell))));
    }
    table.append(body);
    table.append(h("tfoot", {}, riskRow(plan), trainingRow(plan)));
    const list = clear($("#week-warnings"));
    for (const w of this.warnings) {
      list.append(h("li", { dataset: { date: w.date, site: w.enclave, status: w.status } },
        h("strong", {}, `${shortDate(w.date)} · ${w.enclave}: ${sw("status", w.status)}`),
        ` — ${t("week_workers", { n: w.workers })}. `,
        h("span", { class: "week-fix" }, `${t("week_fix")}: ${w.fix}`)));
    }
    show($("#week-no-warnings"), !this.warnings.length);
    const c = plan.continuity || {};
    $("#week-continuity").textContent = c.spells
      ? t("week_continuity", { one: c.one_replacement, spells: c.spells })
      : "";
    show($("#week-result"), true);
    this.fillPrint();
  }

  cell(day, site) {
    if (!site || NOT_RUNNING.has(site.status)) {
      return h("td", { class: "week-cell off", dataset: { date: day.date } }, "·");
    }
    const covers = coverOf(day, site.id);
    const status = `status-${site.status}`;
    return h("td", { class: ["week-cell", status].join(" "), dataset: { date: day.date, status: site.status } },
      h("span", { class: "week-word" }, sw("status", site.status)),
      covers.length
        ? h("span", { class: "week-cover" }, t("week_covered_by", { people: covers.map((m) => m.person).join(", ") }))
        : null);
  }

  async publish() {
    if (!this.path) return;
    this.ctx.clearError();
    try {
      const answer = await api.post(`${this.path}/publish`, { lang: lang() });
      $("#week-published").textContent = t("week_published", { n: answer.published.length });
      $("#week-published").dataset.days = String(answer.published.length);
    } catch (err) {
      this.ctx.error(err);
    }
  }

  fillPrint() {
    const sheet = clear($("#week-print-sheet"));
    const plan = this.plan;
    sheet.append(
      h("h1", {}, t("week_print_title", { from: formatDate(plan.from), to: formatDate(plan.to) })),
      $("#week-grid").cloneNode(true),
    );
    sheet.querySelector("table").removeAttribute("id");
    if (this.warnings.length) {
      sheet.append(h("h2", {}, t("week_warnings_title")),
        h("ul", { class: "week-print-warnings" }, this.warnings.map((w) =>
          h("li", {}, `${shortDate(w.date)} ${w.enclave}: ${sw("status", w.status)} — ${w.fix}`))));
    }
  }

  print() {
    document.body.classList.add("print-week");
    window.print();
  }
}

// --- HR: the leave check -------------------------------------------------------------------------

export class LeaveCheck {
  constructor(ctx) {
    this.ctx = ctx;
    this.found = null;
    $("#leave-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
  }

  languageChanged() {
    if (this.found) this.render();
  }

  async run() {
    this.ctx.clearError();
    const body = {
      person: $("#leave-person").value.trim(),
      from: $("#leave-from").value,
      to: $("#leave-to").value,
    };
    const status = $("#leave-status");
    status.textContent = t("leave_running");
    show($("#leave-result"), false);
    try {
      this.found = await api.post(`/companies/${encodeURIComponent(this.ctx.company)}/leave-check`, body);
    } catch (err) {
      status.textContent = "";
      this.ctx.error(err);
      return;
    }
    status.textContent = "";
    this.render();
  }

  render() {
    const f = this.found;
    const verdict = $("#leave-verdict");
    verdict.className = `banner ${f.ok ? "ok" : "warn"}`;
    verdict.dataset.ok = String(f.ok);
    verdict.textContent = f.ok
      ? t("leave_ok", { person: f.person, from: formatDate(f.from), to: formatDate(f.to) })
      : t("leave_lost", { person: f.person, n: f.lost.length });
    const table = clear($("#leave-lost"));
    show(table, f.lost.length > 0);
    if (f.lost.length) {
      table.append(h("thead", {}, h("tr", {},
        ["date", "site", "status_col", "week_workers_col"].map((k) => h("th", { scope: "col" }, t(k))))));
      table.append(h("tbody", {}, f.lost.map((x) =>
        h("tr", { dataset: { date: x.date, site: x.enclave, status: x.status } },
          h("td", {}, shortDate(x.date)),
          h("td", {}, x.enclave),
          h("td", {}, h("span", { class: `badge status-${x.status}` }, sw("status", x.status))),
          h("td", { class: "num" }, String(x.workers))))));
    }
    const alternatives = clear($("#leave-alternatives"));
    for (const a of f.alternatives) {
      alternatives.append(h("li", { dataset: { from: a.from, to: a.to } },
        t("leave_alternative", { from: formatDate(a.from), to: formatDate(a.to) })));
    }
    show($("#leave-alternatives-box"), !f.ok);
    show($("#leave-no-alternative"), !f.ok && !f.alternatives.length);
    show($("#leave-result"), true);
    $("#leave-result").dataset.ok = String(f.ok);
  }
}
