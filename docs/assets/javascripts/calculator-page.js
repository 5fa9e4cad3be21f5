// Glue between the calculator forms and the worker: read the form, post it,
// write results and errors back. All parsing, validation, computing and number
// formatting happens in Python (calculator.web) inside the worker.
import { connectWorker } from "./worker-client.js";

const DEBOUNCE_MS = 150;
const locale = document.documentElement.lang;
const status = document.querySelector("[data-calculator-status]");
const failure = document.querySelector("[data-calculator-failure]");
const messages = JSON.parse(document.getElementById("calculator-messages").textContent);
const forms = [...document.querySelectorAll("form[data-formula]")];
const ask = connectWorker();

function valuesOf(form) {
  return Object.fromEntries([...form.elements].filter((el) => el.name).map((el) => [el.name, el.value]));
}

function showError(form, error) {
  const alert = form.querySelector(`[role=alert][data-field="${CSS.escape(error.field ?? "")}"]`)
    ?? form.querySelector('[role=alert][data-field=""]');
  alert.textContent = error.message;
  alert.dataset.error = error.code;
  alert.hidden = false;
  form.elements.namedItem(error.field)?.setAttribute?.("aria-invalid", "true");
  clearResults(form);
}

function clearResults(form) {
  for (const output of form.querySelectorAll("[data-result]")) {
    output.textContent = "–";
    output.dataset.value = "";
  }
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
    showError(form, answer.error);
    return;
  }
  for (const [name, { value, text }] of Object.entries(answer.results)) {
    const output = form.querySelector(`[data-result="${CSS.escape(name)}"]`);
    if (!output) continue;
    output.textContent = text;
    output.dataset.value = String(value);
  }
  if (share) {
    const query = new URLSearchParams({ formula: form.dataset.formula, ...answer.inputs });
    history.replaceState(null, "", `?${query}#${form.getAttribute("aria-labelledby")}`);
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
  for (const input of form.querySelectorAll("input[name]")) {
    input.value = typed[input.name] ?? "";
  }
  form.scrollIntoView();
}

function debounce(action) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, DEBOUNCE_MS);
  };
}

async function main() {
  try {
    await ask("ready");
    await ask("configure", { messages });
    await restoreFromLink();
    await Promise.all(forms.map((form) => calculate(form)));
  } catch (error) {
    status.hidden = true;
    failure.hidden = false;
    failure.textContent += ` (${error.message})`;
    return;
  }
  status.dataset.calculatorStatus = "ready";
  status.hidden = true;
  for (const form of forms) {
    form.addEventListener("input", debounce(() => calculate(form, { share: true })));
    form.addEventListener("submit", (event) => event.preventDefault());
  }
}

main();
