// Glue of the "your data" page: hand the chosen File and the typed options to
// the worker, show its progress, and write what it answers into the page.
// Reading, parsing, validating, computing and number formatting all happen in
// Python (calculator.web.analyze_for_page) inside the worker. Everything from
// the file (customer ids, error texts) reaches the DOM through textContent.
import { connectWorker, startCalculator } from "./worker-client.js";

const SVG = "http://www.w3.org/2000/svg";
const PLOT = { width: 640, height: 320, left: 56, right: 16, top: 16, bottom: 36 };

const locale = document.documentElement.lang;
const failure = document.querySelector("[data-calculator-failure]");
const form = document.querySelector("form[data-your-data]");
const fileInput = form.elements.namedItem("file");
const dropzone = form.querySelector("[data-dropzone]");
const analyzeButton = form.querySelector("[data-analyze]");
const progressBox = form.querySelector("[data-progress]");
const progressBar = form.querySelector("[data-progress-bar]");
const progressText = form.querySelector("[data-progress-text]");
const errorBox = form.querySelector("[data-analysis-error]");
const status = document.querySelector("[data-calculator-status]");
const results = document.querySelector("[data-results]");
const resultsTitle = results.querySelector("#yd-summary-title");
const customers = results.querySelector("[data-customers]");
const ask = connectWorker();

let chosenFile = null;
let sorting = { column: "clv", descending: true };
let busy = false;

function options() {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "file") continue;
    values[element.name] = element.type === "checkbox" ? element.checked : element.value;
  }
  return values;
}

function showProgress({ done, total, text }) {
  progressBox.hidden = false;
  progressText.textContent = text;
  if (total) {
    progressBar.max = total;
    progressBar.value = done;
  } else {
    progressBar.removeAttribute("value"); // indeterminate
  }
}

// Where the eye is: an error or the results scroll into view and take focus
// (so a screen reader reads them too); "center" keeps the error clear of
// Material's sticky header on a phone.
function bringIntoView(element, block) {
  element.scrollIntoView({ block, behavior: "instant" });
  element.focus({ preventScroll: true });
}

function showError(error) {
  errorBox.textContent = error.message;
  errorBox.dataset.error = error.code ?? "";
  errorBox.hidden = false;
  bringIntoView(errorBox, "center");
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = "";
  delete errorBox.dataset.error;
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function showSummary(summary) {
  for (const [name, { value, text }] of Object.entries(summary)) {
    const output = results.querySelector(`[data-result="${CSS.escape(name)}"]`);
    if (!output) continue;
    output.textContent = text;
    output.dataset.value = value === null ? "" : String(value);
  }
}

function showNotes(notes) {
  const list = results.querySelector("[data-notes]");
  list.replaceChildren(...notes.map((note) => cell("li", note)));
}

function showTable(table) {
  const body = customers.tBodies[0];
  body.replaceChildren(...table.rows.map((row) => {
    const tr = document.createElement("tr");
    row.forEach((text, i) => tr.append(i === 0 ? cell("th", text, { scope: "row" }) : cell("td", text)));
    return tr;
  }));
  for (const button of customers.querySelectorAll("[data-sort]")) {
    const th = button.closest("th");
    const active = button.dataset.sort === table.column;
    th.setAttribute("aria-sort", active ? (table.descending ? "descending" : "ascending") : "none");
  }
  const note = results.querySelector("[data-table-note]");
  note.textContent = table.note;
  note.hidden = !table.note;
  sorting = { column: table.column, descending: table.descending };
}

// Shades of the site's indigo: lighter for low retention, darker for high.
function shade(share) {
  const lightness = 97 - 55 * Math.min(Math.max(share, 0), 1);
  return { background: `hsl(231 48% ${lightness}%)`, color: lightness < 60 ? "#fff" : "#000" };
}

// "2024-01" as the page's language names the month ("styczeń 2024", "2024 m.
// sausis"): the browser's CLDR data, like the glossary's Babel `month` filter.
const monthFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
function monthName(cohort) {
  const [year, month] = cohort.split("-").map(Number);
  return monthFormat.format(Date.UTC(year, month - 1, 1));
}

function showCohorts(cohorts) {
  const table = results.querySelector("[data-cohorts]");
  const head = table.tHead.rows[0];
  while (head.cells.length > 2) head.deleteCell(-1);
  const months = Math.max(0, ...cohorts.map((row) => row.retention.length));
  for (let k = 0; k < months; k++) head.append(cell("th", String(k), { scope: "col" }));
  table.tBodies[0].replaceChildren(...cohorts.map((row) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", monthName(row.cohort), { scope: "row", "data-cohort": row.cohort }),
      cell("td", row.customers.text));
    for (const { value, text } of row.retention) {
      const td = cell("td", text, { "data-value": String(value) });
      Object.assign(td.style, shade(value));
      tr.append(td);
    }
    return tr;
  }));
}

function svg(tag, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== null) element.textContent = text;
  return element;
}

// Draws the two cumulative series as polylines; tick labels are the texts
// Python formatted for the data table (so they are in the page's locale).
function showTracking(tracking) {
  const figure = results.querySelector("[data-tracking-figure]");
  const plot = results.querySelector("[data-tracking-plot]");
  const table = results.querySelector("[data-tracking]");
  if (!tracking) {
    figure.hidden = true;
    table.tBodies[0].replaceChildren();
    return;
  }
  figure.hidden = false;
  const { periods, actual, expected, rows, end_period: endPeriod } = tracking;
  const xMax = Math.max(1, periods[periods.length - 1]);
  const yMax = Math.max(1, tracking.top.value);
  const innerWidth = PLOT.width - PLOT.left - PLOT.right;
  const innerHeight = PLOT.height - PLOT.top - PLOT.bottom;
  const x = (k) => PLOT.left + (k / xMax) * innerWidth;
  const y = (v) => PLOT.top + innerHeight - (v / yMax) * innerHeight;
  const line = (values) => [[0, 0], ...periods.map((k, i) => [k, values[i]])]
    .map(([k, v]) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const bottom = PLOT.top + innerHeight;
  const children = [
    svg("line", { x1: PLOT.left, y1: bottom, x2: PLOT.left + innerWidth, y2: bottom, class: "clv-axis" }),
    svg("line", { x1: PLOT.left, y1: PLOT.top, x2: PLOT.left, y2: bottom, class: "clv-axis" }),
    svg("line", { x1: x(endPeriod), y1: PLOT.top, x2: x(endPeriod), y2: bottom, class: "clv-end" }),
    svg("polyline", { points: line(expected), class: "clv-expected", fill: "none" }),
    svg("polyline", { points: line(actual), class: "clv-actual", fill: "none" }),
    svg("text", { x: PLOT.left - 6, y: bottom, "text-anchor": "end", class: "clv-tick" }, "0"),
  ];
  children.push(svg("text", { x: PLOT.left - 6, y: y(yMax) + 4, "text-anchor": "end", class: "clv-tick" }, tracking.top.text));
  // Period labels: the first, the middle and the last.
  for (const i of new Set([0, Math.floor((periods.length - 1) / 2), periods.length - 1])) {
    children.push(svg("text", { x: x(periods[i]), y: bottom + 18, "text-anchor": "middle", class: "clv-tick" }, rows[i][0]));
  }
  plot.replaceChildren(...children);
  table.tBodies[0].replaceChildren(...rows.map(([period, done, expect]) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", period, { scope: "row" }), cell("td", done), cell("td", expect));
    return tr;
  }));
}

function setBusy(value) {
  busy = value;
  analyzeButton.disabled = value || !chosenFile;
  form.setAttribute("aria-busy", String(value));
}

async function analyze() {
  if (!chosenFile || busy) return;
  setBusy(true);
  clearError();
  // While Python still loads, the progress says so; then the fit's stages.
  showProgress({ done: 0, total: null, text: status.hidden ? "" : status.textContent.trim() });
  progressBox.scrollIntoView({ block: "center", behavior: "instant" });
  if (!(await started)) {
    progressBox.hidden = true;
    setBusy(false);
    bringIntoView(failure, "center");
    return;
  }
  sorting = { column: "clv", descending: true };
  try {
    const answer = await ask("analyze", { file: chosenFile, options: options(), locale }, showProgress);
    if (answer.error) {
      results.hidden = true;
      showError(answer.error);
      return;
    }
    showSummary(answer.summary);
    showNotes(answer.notes);
    if (answer.summary.clv.value === null) sorting = { column: "historical_clv", descending: true };
    showTable(answer.table);
    showCohorts(answer.cohorts);
    showTracking(answer.tracking);
    results.hidden = false;
    bringIntoView(resultsTitle, "start");
  } catch (error) {
    results.hidden = true;
    showError({ message: failure.textContent.trim() + ` (${error.message})`, code: "internal" });
  } finally {
    progressBox.hidden = true;
    setBusy(false);
    // A counter of answers (results or errors), for tests and scripts that wait.
    form.dataset.answers = String(Number(form.dataset.answers ?? 0) + 1);
  }
}

async function sortBy(column) {
  if (busy) return;
  const descending = sorting.column === column ? !sorting.descending : column !== "customer_id";
  showTable(await ask("table", { column, descending }));
}

async function download(variant) {
  let text;
  try {
    text = await ask("csv", { variant });
  } catch (error) {
    showError({ message: `${failure.textContent.trim()} (${error.message})`, code: "internal" });
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "clv-results.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function choose(file) {
  if (!file) return;
  chosenFile = file;
  analyze();
}

// Resolves to true once Python is ready; the controls work before that
// (a file chosen early is analysed as soon as the worker can).
const started = startCalculator(ask).then((ready) => {
  analyzeButton.disabled = !ready || !chosenFile;
  return ready;
});
fileInput.addEventListener("change", () => choose(fileInput.files[0]));
// Choosing the same file again (after editing it) must run again: an input
// whose value did not change fires no "change", so forget it on each click.
fileInput.addEventListener("click", () => { fileInput.value = ""; });
form.addEventListener("submit", (event) => {
  event.preventDefault();
  analyze();
});
dropzone.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropzone.classList.add("clv-dropzone--over");
});
dropzone.addEventListener("dragleave", () => dropzone.classList.remove("clv-dropzone--over"));
dropzone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropzone.classList.remove("clv-dropzone--over");
  choose(event.dataTransfer.files[0]);
});
for (const button of customers.querySelectorAll("[data-sort]")) {
  button.addEventListener("click", () => sortBy(button.dataset.sort));
}
for (const button of results.querySelectorAll("[data-download]")) {
  button.addEventListener("click", () => download(button.dataset.download));
}
