// The page side of the calculator worker's protocol (calculator-worker.js):
// every request carries an id; the worker may answer {id, progress} any number
// of times, then {id, result} or {id, error}. Shared by the calculator pages.
export function connectWorker() {
  const worker = new Worker(new URL("calculator-worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let lastId = 0;

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

  // The returned promise carries its request id, so a page can drop stale answers.
  return function ask(type, payload = {}, onProgress = null) {
    const id = ++lastId;
    worker.postMessage({ id, type, ...payload });
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject, onProgress }));
    answer.id = id;
    return answer;
  };
}
