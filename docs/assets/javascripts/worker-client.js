// The page side of the calculator worker's protocol (calculator-worker.js):
// every request carries an id; the worker may answer {id, progress} any number
// of times, then {id, result} or {id, error}. Shared by the calculator pages.
export function connectWorker() {
  const worker = new Worker(new URL("calculator-worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let broken = null; // set once the worker itself failed: every request fails with it
  let lastId = 0;

  function fail(message) {
    broken = new Error(message);
    for (const request of pending.values()) request.reject(broken);
    pending.clear();
  }

  worker.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    if (!request) return;
    if ("progress" in data) {
      request.onProgress?.(data.progress);
      return;
    }
    pending.delete(data.id);
    if ("error" in data) request.reject(new Error(data.error));
    else request.resolve(data.result);
  };
  // A worker script or an import that cannot load (pyodide.mjs blocked or
  // missing) fires "error" on the Worker, not a message: without this the
  // page would wait for its answers forever.
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the calculator's worker could not load");
  };
  worker.onmessageerror = () => fail("an answer of the calculator's worker could not be read");

  // The returned promise carries its request id, so a page can drop stale answers.
  return function ask(type, payload = {}, onProgress = null) {
    const id = ++lastId;
    const answer = broken ? Promise.reject(broken)
      : new Promise((resolve, reject) => pending.set(id, { resolve, reject, onProgress }));
    if (!broken) worker.postMessage({ id, type, ...payload });
    answer.id = id;
    return answer;
  };
}

// The start-up both calculator pages share: Python and the wheel loaded, the
// catalog's messages handed over. Resolves to true when ready; on failure the
// page's translated failure text replaces the loading status.
export async function startCalculator(ask) {
  const status = document.querySelector("[data-calculator-status]");
  const failure = document.querySelector("[data-calculator-failure]");
  const messages = JSON.parse(document.getElementById("calculator-messages").textContent);
  try {
    await ask("ready");
    await ask("configure", { messages });
  } catch (error) {
    status.hidden = true;
    status.dataset.calculatorStatus = "failed";
    failure.hidden = false;
    failure.dataset.detail = error.message; // for developers; the text is the translated sentence
    console.error(`calculator: ${error.message}`);
    return false;
  }
  status.dataset.calculatorStatus = "ready";
  status.hidden = true;
  return true;
}
