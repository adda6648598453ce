// The director's scenarios and HR's pool sizing: long jobs with progress, then a chart drawn
// here as inline SVG from the result's JSON (no chart library, nothing from a CDN) and a table
// with the same figures, so the chart is never the only way to read them.

import * as api from "./api.js";
import { $, clear, h, s, show } from "./dom.js";
import { designColour, lang, sw, t } from "./i18n.js";

const POLL_MS = 500;
// The harms, in the hearing's order: for these, less is better. The rest are costs and effort.
const HARMS = new Set([
  "no_coach_worker_days",
  "sent_home_worker_days",
  "short_worker_days",
  "ratio_breaches",
  "late_replacements",
]);
const SCENARIO_METRICS = [
  "no_coach_worker_days",
  "sent_home_worker_days",
  "short_worker_days",
  "ratio_breaches",
  "late_replacements",
  "moves",
  "atelier_moves",
  "vlinder_days",
  "interim_days",
  "travel_minutes",
];
// Variant colours: the baseline in grey, then colours that keep 3:1 against white (WCAG 1.4.11).
const VARIANT_COLOURS = ["#5f6368", "#1565c0", "#2e7d32", "#b3261e", "#8e24aa", "#a15c00", "#00695c"];
const EXAMPLE_SCENARIO = (date) => `name: twee vlinders minder
from: ${date}
to: ${date}
variants:
  - name: zonder V3 en V4
    changes:
      - remove_coach: [V3, V4]
`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start a job, follow its progress, fetch its result. Returns the result or null. */
export class Job {
  constructor({ box, bar, text, status, cancel, ctx }) {
    Object.assign(this, { box, bar, text, status, cancelButton: cancel, ctx });
    this.running = null;
    cancel.addEventListener("click", () => this.cancel());
  }

  async run(start, path) {
    this.ctx.clearError();
    this.status.textContent = "";
    const started = performance.now();
    const seconds = () => Math.round((performance.now() - started) / 1000);
    let job;
    try {
      job = await start();
    } catch (err) {
      this.ctx.error(err);
      return null;
    }
    this.running = `${path}/${job.job_id}`;
    show(this.box, true);
    show(this.cancelButton, true);
    try {
      while (job.status === "running") {
        this.bar.value = job.total ? (100 * job.done) / job.total : 0;
        this.text.textContent = job.total
          ? t("job_running", { done: job.done, total: job.total, s: seconds() })
          : t("job_waiting", { s: seconds() });
        await sleep(POLL_MS);
        job = await api.get(this.running);
      }
      if (job.status === "done") {
        this.bar.value = 100;
        this.lastDone = this.running; // where its result (and any export of it) lives
        const answer = await api.get(`${this.running}/result`);
        this.status.textContent = t("job_done", { s: seconds() });
        return answer.result;
      }
      if (job.status === "failed") {
        this.status.textContent = t("job_failed", { what: job.error?.what ?? "", where: job.error?.where || job.error?.hint || "" });
      } else {
        this.status.textContent = t("job_cancelled");
      }
      return null;
    } catch (err) {
      this.ctx.error(err);
      return null;
    } finally {
      this.running = null;
      show(this.box, false);
      show(this.cancelButton, false);
    }
  }

  /** The last finished job's result as an Excel workbook, in the page's language. */
  async downloadResult(name) {
    try {
      await api.download(`${this.lastDone}/result.xlsx?lang=${lang()}`, name);
    } catch (err) {
      this.ctx.error(err);
    }
  }

  async cancel() {
    if (!this.running) return;
    try {
      await api.del(this.running);
    } catch (err) {
      this.ctx.error(err);
    }
  }
}

// --- the director: scenarios -------------------------------------------------------------------

export class Director {
  constructor(ctx) {
    this.ctx = ctx;
    this.result = null;
    this.job = new Job({
      ctx,
      box: $("#scenario-progress-box"),
      bar: $("#scenario-progress"),
      text: $("#scenario-progress-text"),
      status: $("#scenario-status"),
      cancel: $("#scenario-cancel"),
    });
    $("#scenario-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    $("#scenario-file").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (file) $("#scenario-text").value = await file.text();
    });
    $("#scenario-example").addEventListener("click", () => {
      $("#scenario-text").value = EXAMPLE_SCENARIO(this.ctx.date);
    });
    $("#scenario-export").addEventListener("click", () => this.job.downloadResult(`scenario-${this.ctx.company}.xlsx`));
    $("#robust-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.robustness();
    });
  }

  enter() {
    const date = $("#robust-date");
    if (!date.value) date.value = this.ctx.date;
  }

  languageChanged() {
    if (this.result) this.render();
    if (this.weak) this.renderWeak();
  }

  /** Who, if absent that day, leaves a site without a coach, and the training that helps. */
  async robustness() {
    const button = $("#robust-form button[type=submit]");
    const status = $("#robust-status");
    this.ctx.clearError();
    button.disabled = true;
    status.textContent = t("robust_busy");
    try {
      const query = `k=${$("#robust-k").value}&lang=${lang()}`;
      this.weak = await api.get(`/companies/${this.ctx.company}/robustness/${$("#robust-date").value}?${query}`);
      this.renderWeak();
    } catch (err) {
      status.textContent = "";
      this.ctx.error(err);
    } finally {
      button.disabled = false;
    }
  }

  renderWeak() {
    const r = this.weak;
    const links = r.single_points_of_failure;
    const words = { checked: r.checked, found: links.length };
    $("#robust-status").textContent = t(links.length ? "robust_done" : "robust_none", words);
    const table = clear($("#robust-table"));
    show(table, links.length > 0);
    table.append(
      h("thead", {}, h("tr", {},
        ["robust_absent", "robust_sites", "robust_workers", "robust_fix"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, links.map((link) =>
        h("tr", { dataset: { absent: link.absent.join(" ") } },
          h("th", { scope: "row" }, link.absent.join(", ")),
          h("td", {}, link.sites.join(", ")),
          h("td", { class: "num" }, String(link.workers_without_coach)),
          h("td", {}, link.fix ?? "—",
            link.fix_verified ? h("span", { class: "tag tag-muted" }, t("robust_verified")) : null,
            h("span", { class: "muted small block" }, link.reason ?? ""))))),
    );
  }

  async run() {
    const text = $("#scenario-text").value;
    const company = this.ctx.company;
    const path = `/companies/${company}/scenarios`;
    const start = () => api.call("POST", path, { body: text, contentType: "application/yaml" });
    const result = await this.job.run(start, path);
    if (result) {
      this.result = result;
      $("#view-director").dataset.scenario = this.job.lastDone; // where it lives (tests read it)
      this.render();
    }
  }

  render() {
    const r = this.result;
    $("#scenario-result-h").textContent = r.scenario;
    $("#scenario-meta").textContent = t("scenario_meta", { company: r.company, from: r.from, to: r.to, days: r.dates.length });
    clear($("#scenario-chart")).append(scenarioChart(r));
    scenarioTable(clear($("#scenario-table")), r);
    costTable(clear($("#scenario-costs")), r);
    show($("#scenario-result"), true);
  }
}

function scenarioChart(result) {
  const variants = result.variants;
  const width = 760;
  const left = 8;
  const barH = 16;
  const gap = 3;
  const titleH = 20;
  const groupGap = 12;
  const valueW = 64;
  const legendH = 22 * Math.ceil(variants.length / 3) + 8;
  const groupH = titleH + variants.length * (barH + gap) + groupGap;
  const height = legendH + SCENARIO_METRICS.length * groupH;
  const titleId = `chart-title-${Math.random().toString(36).slice(2)}`;
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-labelledby": titleId, class: "chart-svg",
  });
  svg.append(s("title", { id: titleId }, `${result.scenario}: ${variants.map((v) => v.name).join(", ")}`));
  variants.forEach((v, i) => {
    const x = left + (i % 3) * 250;
    const y = 6 + Math.floor(i / 3) * 22;
    svg.append(
      s("rect", { x, y, width: 14, height: 14, fill: VARIANT_COLOURS[i % VARIANT_COLOURS.length] }),
      s("text", { x: x + 20, y: y + 12, class: "chart-text" }, v.name),
    );
  });
  let y = legendH;
  const span = width - left - valueW;
  for (const metric of SCENARIO_METRICS) {
    svg.append(s("text", { x: left, y: y + 14, class: "chart-title" }, sw("metric", metric)));
    const values = variants.map((v) => Number(v[metric] ?? 0));
    const max = Math.max(1, ...values);
    values.forEach((value, i) => {
      const top = y + titleH + i * (barH + gap);
      const w = Math.max(value > 0 ? 2 : 0, (span * value) / max);
      svg.append(
        s("rect", { x: left, y: top, width: w, height: barH, fill: VARIANT_COLOURS[i % VARIANT_COLOURS.length] },
          s("title", {}, `${variants[i].name}: ${value}`)),
        s("text", { x: left + w + 6, y: top + barH - 3, class: "chart-value" }, String(value)),
      );
    });
    y += groupH;
  }
  return svg;
}

function scenarioTable(table, result) {
  const variants = result.variants;
  const base = variants.find((v) => v.baseline) ?? variants[0];
  table.append(
    h("caption", {}, result.scenario),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("metric")),
      variants.map((v) => h("th", { scope: "col" }, v.name)))),
    h("tbody", {}, ["days", ...SCENARIO_METRICS, "coach_days"].map((metric) =>
      h("tr", { dataset: { metric } },
        h("th", { scope: "row" }, sw("metric", metric)),
        variants.map((v) => {
          const value = Number(v[metric] ?? 0);
          const delta = value - Number(base[metric] ?? 0);
          return h("td", { class: "num" }, String(value),
            v === base || !delta
              ? null
              : h("span", { class: `delta ${HARMS.has(metric) ? (delta > 0 ? "worse" : "better") : ""}` }, ` (${delta > 0 ? "+" : ""}${delta})`));
        })))),
  );
}

/** Euros as the reports write them: "€ 1.234,56" in Dutch. */
export function euros(value) {
  return new Intl.NumberFormat(lang() === "en" ? "en-BE" : "nl-BE", { style: "currency", currency: "EUR" }).format(value);
}

const COST_PARTS = ["coaches", "vlinders", "interim", "temporary_unemployment", "short_teams", "subsidy", "revenue", "total"];

/** A scenario's yearly cost per variant, with the placeholder warning while it applies. */
function costTable(table, result) {
  const variants = result.variants;
  if (!variants.every((v) => v.costs)) return;
  const value = (v, part) => (part === "total" ? v.costs.total : v.costs.parts[part]);
  const base = variants.find((v) => v.baseline) ?? variants[0];
  const caption = sw("cost", "title") + (base.costs.placeholder ? ` — ${sw("cost", "placeholder")}` : "");
  table.append(
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), variants.map((v) => h("th", { scope: "col" }, v.name)))),
    h("tbody", {}, COST_PARTS.map((part) =>
      h("tr", { dataset: { part } },
        h("th", { scope: "row" }, sw("cost", part)),
        variants.map((v) => {
          const delta = value(v, part) - value(base, part);
          return h("td", { class: "num" }, euros(value(v, part)),
            v === base || !delta ? null : h("span", { class: `delta ${delta > 0 ? "worse" : "better"}` }, ` (${delta > 0 ? "+" : ""}${euros(delta)})`));
        })))),
  );
}

/** HR's table of the enclaves in euros, words and euros as the service wrote them. Returns
 * whether it loaded. */
export async function loadCosts(ctx) {
  try {
    const data = await api.get(`/companies/${encodeURIComponent(ctx.company)}/costs?lang=${lang()}`);
    clear($("#costs-summary")).append(...data.shown.summary.map((line) => h("p", {}, line)));
    clear($("#costs-table")).append(
      h("thead", {}, h("tr", {}, data.shown.headers.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, data.shown.rows.map((row) => h("tr", {},
        row.map((cell, i) => h(i ? "td" : "th", i ? { class: "num" } : { scope: "row" }, cell))))),
    );
    $("#costs-table").dataset.year = String(data.year);
    show($("#costs-export"), true);
    return true;
  } catch (err) {
    ctx.error(err);
    return false;
  }
}

/** The same enclave table as a workbook (euros as numbers in a euro format), in the page's language. */
async function downloadCosts(ctx) {
  const company = encodeURIComponent(ctx.company);
  try {
    await api.download(`/companies/${company}/costs/export.xlsx?lang=${lang()}`, `enclaves-${ctx.company}.xlsx`);
  } catch (err) {
    ctx.error(err);
  }
}

// --- HR: pool sizing ---------------------------------------------------------------------------

const POOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const DESIGNS = ["current", "full", "chain", "spread", "block"];
const DEFAULT_POOLS = new Set([2, 3, 4, 5, 6]);
const DEFAULT_DESIGNS = new Set(["current", "chain"]);

export class Hr {
  constructor(ctx) {
    this.ctx = ctx;
    this.result = null;
    this.job = new Job({
      ctx,
      box: $("#pool-progress-box"),
      bar: $("#pool-progress"),
      text: $("#pool-progress-text"),
      status: $("#pool-status"),
      cancel: $("#pool-cancel"),
    });
    this.fill();
    $("#pool-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    $("#pool-export").addEventListener("click", () => this.job.downloadResult(`vlinderpool-${this.ctx.company}.xlsx`));
    this.costsShown = false;
    this.costWords();
    $("#costs-load").addEventListener("click", async () => {
      this.costsShown = await loadCosts(this.ctx);
    });
    $("#costs-export").addEventListener("click", () => downloadCosts(this.ctx));
  }

  costWords() {
    $("#costs-h").textContent = sw("cost", "title");
    $("#costs-load").textContent = sw("cost", "enclaves");
  }

  fill() {
    const sizes = clear($("#pool-sizes"));
    for (const n of POOLS) {
      const id = `pool-size-${n}`;
      sizes.append(h("span", { class: "check" },
        h("input", { type: "checkbox", id, value: String(n), checked: DEFAULT_POOLS.has(n) }),
        h("label", { for: id }, String(n))));
    }
    const designs = clear($("#pool-designs"));
    for (const d of DESIGNS) {
      const id = `pool-design-${d}`;
      designs.append(h("span", { class: "check" },
        h("input", { type: "checkbox", id, value: d, checked: DEFAULT_DESIGNS.has(d) }),
        h("label", { for: id, dataset: { design: d } }, t("design_words")[d])));
    }
  }

  enter() {}

  companyChanged() {
    // The enclave table was another company's: it goes until asked for again.
    clear($("#costs-summary"));
    clear($("#costs-table"));
    show($("#costs-export"), false);
    this.costsShown = false;
  }

  languageChanged() {
    document.querySelectorAll("#pool-designs label").forEach((l) => {
      l.textContent = t("design_words")[l.dataset.design];
    });
    if (this.result) this.render();
    this.costWords();
    if (this.costsShown) loadCosts(this.ctx);
  }

  async run() {
    const checked = (sel) => [...document.querySelectorAll(`${sel} input:checked`)].map((i) => i.value);
    const pools = checked("#pool-sizes").map(Number);
    const designs = checked("#pool-designs");
    if (!pools.length || !designs.length) {
      this.ctx.error(new Error(t("choose_one")));
      return;
    }
    const body = {
      years: Number($("#pool-years").value),
      target: Number($("#pool-target").value) / 100,
      seed: Number($("#pool-seed").value),
      pools,
      designs,
    };
    const path = `/companies/${this.ctx.company}/pool-sizing`;
    const result = await this.job.run(() => api.post(path, body), path);
    if (result) {
      this.result = result;
      this.render();
    }
  }

  render() {
    const r = this.result;
    const words = (key) => sw("pool", key);
    const rec = r.recommended;
    const recBox = clear($("#pool-recommendation"));
    if (rec) {
      const point = r.curve.find((p) => p.pool === rec.pool && p.training === rec.training);
      recBox.append(h("strong", {}, `${words("recommendation")}: `),
        `${rec.pool} ${words("pool")}, ${t("design_words")[rec.training] ?? rec.training}` +
          (point ? ` — ${pct(point.covered_share)} ${words("share")}, ${point.vlinder_fte.toFixed(1)} ${words("fte")}.` : "."));
      if (!rec.reached) recBox.append(" ", h("span", {}, words("not_reached")));
    } else {
      recBox.append(words("not_reached"));
    }
    clear($("#pool-chart")).append(poolChart(r));
    $("#pool-chart-caption").textContent = words("chart");
    const reasons = clear($("#pool-reasons"));
    for (const line of r.reasons?.[lang()] ?? []) reasons.append(h("li", {}, line));
    this.renderMatrix(r);
    poolTable(clear($("#pool-table")), r);
    show($("#pool-result"), true);
  }

  renderMatrix(r) {
    const table = clear($("#pool-matrix"));
    const steps = r.training_plan ?? [];
    $("#matrix-h").textContent = t("matrix_title", { pool: r.training_plan_pool ?? "—" });
    $("#matrix-intro").textContent = steps.length ? t("matrix_intro") : t("matrix_none");
    if (!steps.length) return;
    const vlinders = [...new Set(steps.map((step) => step.vlinder))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    const sites = [...new Set(steps.map((step) => step.site))].sort();
    const order = new Map(steps.map((step, i) => [`${step.vlinder}|${step.site}`, { n: i + 1, step }]));
    table.append(
      h("caption", { class: "visually-hidden" }, t("matrix_title", { pool: r.training_plan_pool ?? "—" })),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, sw("pool", "vlinder")), sites.map((site) => h("th", { scope: "col" }, site)))),
      h("tbody", {}, vlinders.map((v) =>
        h("tr", {},
          h("th", { scope: "row" }, v),
          sites.map((site) => {
            const cell = order.get(`${v}|${site}`);
            return h("td", { class: cell ? "num trained" : "num", title: cell ? `${sw("pool", "gain")}: ${cell.step.gain_site_days_per_year}` : null },
              cell ? String(cell.n) : "");
          })))),
    );
  }
}

function pct(x) {
  return `${(100 * x).toFixed(1)}%`;
}

function poolChart(r) {
  const curve = r.curve.filter((p) => !String(p.training).startsWith("random"));
  const pools = [...new Set(curve.map((p) => p.pool))].sort((a, b) => a - b);
  const trainings = [...new Set(curve.map((p) => p.training))];
  const width = 720;
  const height = 360;
  const m = { top: 16, right: 20, bottom: 48, left: 60 };
  const lowest = Math.min(r.target, ...curve.map((p) => p.p10));
  const yMin = Math.max(0, Math.floor(lowest * 10) / 10);
  const x = (pool) => {
    if (pools.length === 1) return m.left + (width - m.left - m.right) / 2;
    return m.left + ((pool - pools[0]) / (pools.at(-1) - pools[0])) * (width - m.left - m.right);
  };
  const y = (share) => m.top + ((1 - share) / (1 - yMin || 1)) * (height - m.top - m.bottom);
  const titleId = `pool-chart-title-${Math.random().toString(36).slice(2)}`;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height + 24 * Math.ceil(trainings.length / 4)}`, width: "100%", role: "img", "aria-labelledby": titleId, class: "chart-svg" });
  svg.append(s("title", { id: titleId }, sw("pool", "chart")));
  // Grid and axes.
  const step = 1 - yMin > 0.3 ? 0.1 : 0.05;
  for (let v = yMin; v <= 1.0001; v += step) {
    svg.append(
      s("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: m.left - 8, y: y(v) + 4, class: "chart-value", "text-anchor": "end" }, `${Math.round(v * 100)}%`),
    );
  }
  for (const pool of pools) {
    svg.append(s("text", { x: x(pool), y: height - m.bottom + 18, class: "chart-value", "text-anchor": "middle" }, String(pool)));
  }
  svg.append(
    s("line", { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: "axis" }),
    s("line", { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom, class: "axis" }),
    s("text", { x: (m.left + width - m.right) / 2, y: height - 8, class: "chart-text", "text-anchor": "middle" }, sw("pool", "pool")),
    s("text", { x: 14, y: (m.top + height - m.bottom) / 2, class: "chart-text", "text-anchor": "middle", transform: `rotate(-90 14 ${(m.top + height - m.bottom) / 2})` }, sw("pool", "share")),
    s("line", { x1: m.left, x2: width - m.right, y1: y(r.target), y2: y(r.target), class: "target" }),
    s("text", { x: width - m.right, y: y(r.target) - 6, class: "chart-value", "text-anchor": "end" }, `${pct(r.target)}`),
  );
  // One band (P10-P90) and one line per training design.
  for (const training of trainings) {
    const points = curve.filter((p) => p.training === training).sort((a, b) => a.pool - b.pool);
    const colour = designColour(training);
    const band = [...points.map((p) => `${x(p.pool)},${y(p.p90)}`), ...points.reverse().map((p) => `${x(p.pool)},${y(p.p10)}`)];
    points.reverse();
    svg.append(s("polygon", { points: band.join(" "), fill: colour, "fill-opacity": "0.12", stroke: "none" }));
    svg.append(s("polyline", {
      points: points.map((p) => `${x(p.pool)},${y(p.covered_share)}`).join(" "),
      fill: "none", stroke: colour, "stroke-width": 2.5, dataset: { training },
    }));
    for (const p of points) {
      svg.append(s("circle", { cx: x(p.pool), cy: y(p.covered_share), r: 4, fill: colour },
        s("title", {}, `${p.pool} ${sw("pool", "pool")}, ${t("design_words")[training] ?? training}: ${pct(p.covered_share)}`)));
    }
  }
  const rec = r.recommended;
  if (rec) {
    const p = curve.find((q) => q.pool === rec.pool && q.training === rec.training);
    if (p) svg.append(s("circle", { cx: x(p.pool), cy: y(p.covered_share), r: 9, fill: "none", stroke: "#202124", "stroke-width": 2, class: "recommended" }));
  }
  trainings.forEach((training, i) => {
    const lx = m.left + (i % 4) * 160;
    const ly = height + 6 + Math.floor(i / 4) * 24;
    svg.append(
      s("line", { x1: lx, x2: lx + 24, y1: ly + 8, y2: ly + 8, stroke: designColour(training), "stroke-width": 3 }),
      s("text", { x: lx + 30, y: ly + 12, class: "chart-text" }, t("design_words")[training] ?? training),
    );
  });
  return svg;
}

function poolTable(table, r) {
  const w = (key) => sw("pool", key);
  const rows = r.curve.filter((p) => !String(p.training).startsWith("random"));
  // The yearly cost per point (issue 15), with the placeholder warning while it applies.
  const cost = sw("cost", "title") + (r.costs_placeholder ? ` — ${sw("cost", "placeholder")}` : "");
  table.append(
    h("thead", {}, h("tr", {},
      [w("pool"), w("training"), w("share"), "P10", "P90", w("no_coach"), w("trainings"), w("fte"), cost].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((p) =>
      h("tr", {},
        h("td", { class: "num" }, String(p.pool)),
        h("td", {}, t("design_words")[p.training] ?? p.training),
        h("td", { class: "num" }, pct(p.covered_share)),
        h("td", { class: "num" }, pct(p.p10)),
        h("td", { class: "num" }, pct(p.p90)),
        h("td", { class: "num" }, p.no_coach_site_days_per_year.toFixed(1)),
        h("td", { class: "num" }, String(p.trainings)),
        h("td", { class: "num" }, p.vlinder_fte.toFixed(1)),
        h("td", { class: "num cost" }, p.costs ? euros(p.costs.total) : "—")))),
  );
}
