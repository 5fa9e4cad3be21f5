// The page side of the calculator worker's protocol (calculator-worker.js):
// every request carries an id; the worker may answer {id, progress} any number
// of times, then {id, result} or {id, error}. Shared by the calculator pages.
export function connectWorker() {
  const worker = new Worker(new URL("calculator-worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let lastId = 0;
  // Set when the worker itself fails (its script or Pyodide's module cannot
  // load, or an answer cannot be read): every open and later request is
  // rejected with it, so the page shows its failure instead of "Loading…" forever.
  let broken = null;

  function fail(reason) {
    broken ??= new Error(reason);
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
  // An error event has no request id: it stops the worker for every request.
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the calculator worker could not start");
  };
  worker.onmessageerror = () => fail("an answer of the calculator worker could not be read");

  // The returned promise carries its request id, so a page can drop stale answers.
  return function ask(type, payload = {}, onProgress = null) {
    const id = ++lastId;
    if (broken) {
      const answer = Promise.reject(broken);
      answer.id = id;
      return answer;
    }
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject, onProgress }));
    answer.id = id;
    worker.postMessage({ id, type, ...payload });
    return answer;
  };
}
