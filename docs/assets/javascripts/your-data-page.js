// Glue of the "your data" page: hand the chosen File and the typed options to
// the worker, show its progress, and write what it answers into the page.
// Reading, parsing, validating, computing and number formatting all happen in
// Python (calculator.your_data_view.analyze_for_page) inside the worker. Everything from
// the file (customer ids, error texts) reaches the DOM through textContent.
import { connectWorker, startCalculator } from "./worker-client.js";
import { element as cell } from "./dom.js";
import { showDistribution, showTracking } from "./your-data-charts.js";
import { showComparison, showHoldout, showInterval, showPurchase } from "./your-data-models.js";

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
  // The field the error names (an option such as the holdout end date) is
  // marked, and keeps what was typed.
  const field = error.field ? form.elements.namedItem(error.field) : null;
  if (field instanceof HTMLElement && field.type !== "file") {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-errormessage", errorBox.id);
  }
  bringIntoView(errorBox, "center");
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = "";
  delete errorBox.dataset.error;
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-errormessage");
  }
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

// The table's header comes from Python (calculator.your_data_view: one list of columns),
// so a model column added there appears here without touching the page.
let columns = [];
function showColumns(list) {
  columns = list;
  const head = customers.tHead.rows[0];
  head.replaceChildren(...list.map(({ name, label, essential }) => {
    const th = cell("th", "", { scope: "col", "aria-sort": "none" });
    if (!essential) th.classList.add("clv-col-more");
    const button = cell("button", label, { type: "button", "data-sort": name });
    button.addEventListener("click", () => sortBy(name));
    th.append(button);
    return th;
  }));
}

function showTable(table) {
  const body = customers.tBodies[0];
  body.replaceChildren(...table.rows.map((row) => {
    const tr = document.createElement("tr");
    row.forEach((text, i) => {
      const element = i === 0 ? cell("th", text, { scope: "row" }) : cell("td", text);
      if (!columns[i]?.essential) element.classList.add("clv-col-more");
      tr.append(element);
    });
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

function showSegments(segments) {
  const table = results.querySelector("[data-segments]");
  const downloadLabel = table.dataset.downloadLabel;
  // The interval column only when intervals were asked for (models.assess.clv_intervals).
  const intervals = (segments ?? []).some((segment) => segment.interval);
  table.querySelector("[data-interval-column]").hidden = !intervals;
  table.tBodies[0].replaceChildren(...(segments ?? []).map((segment) => {
    const tr = cell("tr", "", { "data-segment": segment.id });
    const name = cell("th", "", { scope: "row" });
    name.append(cell("strong", segment.name), cell("small", segment.advice, { class: "clv-help" }));
    const button = cell("button", downloadLabel, {
      type: "button", class: "md-button clv-small-button", "data-download": "spreadsheet",
      "aria-label": `${downloadLabel}: ${segment.name}`,
    });
    button.disabled = segment.customers.value === 0;
    button.addEventListener("click", () => download("spreadsheet", segment.id));
    // The download sits under the segment's name, so it is on screen on a phone too.
    name.append(button);
    tr.append(name, cell("td", segment.customers.text, { "data-value": String(segment.customers.value) }),
      cell("td", segment.share.text, { class: "clv-col-more" }), cell("td", segment.clv.text),
      cell("td", segment.average_clv.text, { class: "clv-col-more" }));
    const interval = cell("td", segment.interval?.text ?? "–", { class: "clv-col-more", "data-interval": "" });
    if (segment.interval) {
      interval.dataset.lower = String(segment.interval.lower.value);
      interval.dataset.upper = String(segment.interval.upper.value);
    }
    interval.hidden = !intervals;
    tr.append(interval);
    return tr;
  }));
}

// Shades of the site's indigo over the retention actually seen after month 0
// (scale from Python): lighter for the lowest, darker for the highest.
function shade(share, scale) {
  const position = Math.min(Math.max((share - scale.low) / (scale.high - scale.low), 0), 1);
  const lightness = 96 - 58 * position;
  // White on the darker shades, black on the lighter: each at least 4.5:1 (WCAG AA) either side of 58 %.
  return { background: `hsl(231 48% ${lightness}%)`, color: lightness <= 58 ? "#fff" : "#000" };
}

// "2024-01" as the page's language names the month ("styczeń 2024", "2024 m.
// sausis"): the browser's CLDR data, like the glossary's Babel `month` filter.
const monthFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
function monthName(cohort) {
  const [year, month] = cohort.split("-").map(Number);
  return monthFormat.format(Date.UTC(year, month - 1, 1));
}

function showCohorts(cohorts, scale) {
  const table = results.querySelector("[data-cohorts]");
  const head = table.tHead.rows[0];
  while (head.cells.length > 2) head.deleteCell(-1);
  const months = Math.max(0, ...cohorts.map((row) => row.retention.length));
  for (let k = 0; k < months; k++) head.append(cell("th", String(k), { scope: "col" }));
  table.tBodies[0].replaceChildren(...cohorts.map((row) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", monthName(row.cohort), { scope: "row", "data-cohort": row.cohort }),
      cell("td", row.customers.text));
    row.retention.forEach(({ value, text }, k) => {
      const td = cell("td", text, { "data-value": String(value) });
      // Month 0 is 100 % by definition: drawn plain, outside the scale.
      if (k === 0) td.classList.add("clv-heatmap-first");
      else Object.assign(td.style, shade(value, scale));
      tr.append(td);
    });
    return tr;
  }));
  results.querySelector("[data-cohort-scale]").textContent = scale.text;
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
    // Hidden before anything scrolls into view: hiding it later would shift the page.
    progressBox.hidden = true;
    if (answer.error) {
      results.hidden = true;
      showError(answer.error);
      return;
    }
    showSummary(answer.summary);
    showPurchase(results, answer.purchase);
    showInterval(results, answer.interval);
    showNotes(answer.notes);
    if (answer.summary.clv.value === null) sorting = { column: "historical_clv", descending: true };
    // Shown first: the charts are drawn at the width they get.
    results.hidden = false;
    showColumns(answer.columns);
    showTable(answer.table);
    showSegments(answer.segments);
    showDistribution(results, answer.distribution);
    showCohorts(answer.cohorts, answer.cohort_scale);
    showTracking(results, answer.tracking);
    showHoldout(results, answer.holdout);
    showComparison(results, answer.models);
    bringIntoView(resultsTitle, "start");
  } catch (error) {
    progressBox.hidden = true;
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

const DOWNLOAD_NAMES = { spreadsheet: "clv-results.csv", data: "clv-results-data.csv" };

async function download(variant, segment = null) {
  let text;
  try {
    text = await ask("csv", { variant, segment });
  } catch (error) {
    showError({ message: `${failure.textContent.trim()} (${error.message})`, code: "internal" });
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = segment ? `clv-${segment}.csv` : DOWNLOAD_NAMES[variant];
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
const allColumns = results.querySelector("[data-all-columns]");
allColumns.addEventListener("click", () => {
  const shown = allColumns.getAttribute("aria-pressed") !== "true";
  allColumns.setAttribute("aria-pressed", String(shown));
  customers.classList.toggle("clv-all-columns", shown);
});
for (const button of results.querySelectorAll(".clv-actions [data-download]")) {
  button.addEventListener("click", () => download(button.dataset.download));
}
