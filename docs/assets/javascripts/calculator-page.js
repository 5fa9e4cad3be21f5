// Glue between the calculator forms and the worker: read the form, post it,
// write results and errors back. All parsing, validation, computing and number
// formatting happens in Python (calculator.web) inside the worker. The example
// results in the HTML were computed by the same Python at build time, so the
// page is useful before Python has loaded.
import { connectWorker, startCalculator } from "./worker-client.js";
import { drawCharts } from "./calculator-charts.js";
import { followCurrency } from "./currency-units.js";

const DEBOUNCE_MS = 150;
const locale = document.documentElement.lang;
const forms = [...document.querySelectorAll("form[data-formula]")];
const ask = connectWorker();

function valuesOf(form) {
  return Object.fromEntries([...form.elements].filter((el) => el.name).map((el) => [el.name, el.value]));
}

function showErrors(form, errors) {
  for (const error of errors) {
    const alert = form.querySelector(`[role=alert][data-field="${CSS.escape(error.field ?? "")}"]`)
      ?? form.querySelector('[role=alert][data-field=""]');
    // Two errors without a field of their own share the form's alert: keep the first.
    if (!alert.hidden) continue;
    alert.textContent = error.message;
    alert.dataset.error = error.code;
    alert.hidden = false;
    form.elements.namedItem(error.field)?.setAttribute?.("aria-invalid", "true");
  }
  clearResults(form);
}

function clearResults(form) {
  for (const output of form.querySelectorAll("[data-result]")) {
    output.textContent = "–";
    output.dataset.value = "";
  }
  drawCharts(form, null);
}

function clearErrors(form) {
  for (const alert of form.querySelectorAll("[role=alert]")) {
    alert.hidden = true;
    alert.textContent = "";
    delete alert.dataset.error;
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

// Only the newest answer for a form is shown; slower, older ones are dropped.
const latest = new WeakMap();
// The last valid inputs of each form (dot decimals), the state a link carries.
const state = new WeakMap();

async function calculate(form, { share = false } = {}) {
  const request = ask("calculate", { formula: form.dataset.formula, inputs: valuesOf(form), locale });
  const ticket = request.id;
  latest.set(form, ticket);
  let answer;
  try {
    answer = await request;
  } catch (error) {
    // The worker failed on these inputs (e.g. a result too large to format):
    // never leave the previous inputs' results on screen as if they were these.
    if (latest.get(form) !== ticket) return;
    clearErrors(form);
    clearResults(form);
    console.error(`calculator ${form.dataset.formula}: ${error.message}`);
    return;
  }
  if (latest.get(form) !== ticket) return;
  clearErrors(form);
  if (answer.error) {
    showErrors(form, answer.errors ?? [answer.error]);
    return;
  }
  for (const [name, { value, text }] of Object.entries(answer.results)) {
    const output = form.querySelector(`[data-result="${CSS.escape(name)}"]`);
    if (!output) continue;
    output.textContent = text;
    output.dataset.value = String(value);
  }
  drawCharts(form, answer);
  state.set(form, answer.inputs);
  if (share) shareState(form);
}

// The URL carries the state of the form in use; the language switcher carries
// the same query, so another language opens with the same numbers.
function shareState(form) {
  const inputs = state.get(form);
  if (!inputs) return;
  const query = new URLSearchParams({ formula: form.dataset.formula, ...inputs });
  history.replaceState(null, "", `?${query}#${form.getAttribute("aria-labelledby")}`);
  carryStateAcrossLanguages();
}

function carryStateAcrossLanguages() {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    const target = new URL(link.href, location.href);
    target.search = location.search;
    target.hash = location.hash;
    link.href = target.href;
  }
}

async function restoreFromLink() {
  const query = new URLSearchParams(location.search);
  const form = forms.find((f) => f.dataset.formula === query.get("formula"));
  if (!form) return;
  query.delete("formula");
  let typed;
  try {
    typed = await ask("localize", { formula: form.dataset.formula, inputs: Object.fromEntries(query), locale });
  } catch {
    // A link the worker cannot localize (e.g. aov=inf) must not stop the
    // calculator: show the values as they are; the usual error explains them.
    typed = Object.fromEntries(query);
  }
  for (const input of form.querySelectorAll("input[name], textarea[name]")) {
    input.value = typed[input.name] ?? "";
  }
  form.scrollIntoView();
}

// Typing waits for a pause (each keystroke would be a calculation); a value
// the reader commits (leaving the field, or Enter / a phone keyboard's Done,
// which fire "change") need not wait: flush() runs a pending calculation at once.
function debounce(action) {
  let timer = null;
  const run = () => {
    timer = null;
    action();
  };
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      run();
    },
  };
}

// A shared link's form must not show the build-time example's results as if
// they were the link's: clear them until Python has computed the link's.
const linked = forms.find((f) => f.dataset.formula === new URLSearchParams(location.search).get("formula"));
if (linked) clearResults(linked);
carryStateAcrossLanguages();
followCurrency(forms, locale);

// Typing before Python is ready is kept: the request waits in the worker.
for (const form of forms) {
  const typing = debounce(() => calculate(form, { share: true }));
  form.addEventListener("input", typing.schedule);
  form.addEventListener("change", typing.flush);
  // Left with what it held ("change" does not fire), typing may still be pending.
  form.addEventListener("focusout", typing.flush);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("focusin", () => shareState(form));
}

async function main() {
  if (!(await startCalculator(ask))) {
    for (const form of forms) form.setAttribute("aria-busy", "false");
    return;
  }
  await restoreFromLink();
  await Promise.all(forms.map((form) => calculate(form)));
  // The service worker is registered by offline.js (overrides/main.html).
}

main();
