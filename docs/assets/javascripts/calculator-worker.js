// The calculator's Web Worker: loads Pyodide and the project's `calculator`
// wheel from this site (never a CDN), then answers {id, type, ...} requests
// with {id, result} or {id, error} by calling named Python functions of
// calculator.web (the forms) and calculator.your_data_view (the file page)
// with the form's values as data. No Python source is ever
// built from what a user typed.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const PYODIDE_DIR = new URL("../../pyodide/", import.meta.url).href;

// The pinned Pyodide never settles loadPyodide() when its wasm cannot be
// fetched or instantiated (it only logs "wasm instantiation failed!"), which
// would leave the page loading forever. So the worker asks for the file's
// headers itself, beside Pyodide's own download: if that fails, so does the start.
async function runtimeUnreachable() {
  const response = await fetch(new URL("pyodide.asm.wasm", PYODIDE_DIR), { method: "HEAD" });
  if (!response.ok) throw new Error(`pyodide.asm.wasm: HTTP ${response.status}`);
  return new Promise(() => {}); // reachable: Pyodide's own promise decides
}

async function startPython() {
  const pyodide = await Promise.race([runtimeUnreachable(), loadPyodide({
    indexURL: PYODIDE_DIR,
    // Absolute URLs: a relative lockFileURL breaks in workers, and without an
    // explicit packageBaseUrl a package missing here would be looked up on a CDN.
    lockFileURL: new URL("pyodide-lock.json", PYODIDE_DIR).href,
    packageBaseUrl: PYODIDE_DIR,
  })]);
  const failures = [];
  // loadPackage does not reject on failure; it reports through errorCallback.
  await pyodide.loadPackage("calculator", { errorCallback: (message) => failures.push(message), messageCallback: () => {} });
  if (failures.length) throw new Error(failures.join("\n"));
  return { pyodide, web: pyodide.pyimport("calculator.web"),
    yourData: pyodide.pyimport("calculator.your_data_view") };
}

let pythonReady = startPython();
// Each request awaits pythonReady and answers with its error; this only keeps
// a failed start from being reported a second time as an unhandled rejection.
pythonReady.catch(() => {});
let translations = null; // a Python dict, set once by "configure"
let messagesTable = null; // ... and the JS object it came from, for a restart
let analysis = null; // the last calculator.your_data_view.PageAnalysis, a Python object

// After a fatal error (the WebAssembly heap exhausted, say) this Pyodide
// answers nothing more: start a new one, so the next request still works.
function restartPython() {
  translations = null;
  analysis = null;
  pythonReady = startPython();
  pythonReady.catch(() => {});
  if (messagesTable) pythonReady.then(({ pyodide }) => { translations = pyodide.toPy(messagesTable); }, () => {});
}

function toJs(proxy) {
  try {
    return proxy.toJs({ dict_converter: Object.fromEntries });
  } finally {
    proxy.destroy();
  }
}

const handlers = {
  async ready() {
    const { pyodide } = await pythonReady;
    return { python: pyodide.runPython("import sys; sys.version.split()[0]") };
  },
  async configure({ messages }) {
    const { pyodide } = await pythonReady;
    translations?.destroy();
    translations = pyodide.toPy(messages);
    messagesTable = messages;
    return true;
  },
  async calculate({ formula, inputs, locale }) {
    const { pyodide, web } = await pythonReady;
    const pyInputs = pyodide.toPy(inputs);
    try {
      return toJs(web.calculate(formula, pyInputs, locale, translations));
    } finally {
      pyInputs.destroy();
    }
  },
  // The "your data" page: the File is read here, in the worker, and its bytes
  // go to Python as data. Progress is posted as {id, progress} before the
  // answer. The analysis stays here (a Python object) for sorting and the CSV.
  async analyze({ file, options, locale }, { progress }) {
    const { pyodide, yourData } = await pythonReady;
    analysis?.destroy();
    analysis = null;
    const pyBytes = pyodide.toPy(new Uint8Array(await file.arrayBuffer()));
    const pyOptions = pyodide.toPy(options);
    const report = (stage, done, total, text) => progress({ stage, done, total: total ?? null, text });
    try {
      analysis = yourData.analyze_for_page(pyBytes, pyOptions, locale, translations, report);
      return toJs(analysis.answer());
    } finally {
      pyBytes.destroy();
      pyOptions.destroy();
    }
  },
  async table({ column, descending }) {
    if (!analysis) throw new Error("no analysis");
    return toJs(analysis.table(column, descending));
  },
  // The spreadsheet CSV for the page's language, or the CLI's "data" variant;
  // all customers, or one segment's (calculator.segments).
  async csv({ variant, segment }) {
    if (!analysis) throw new Error("no analysis");
    const kind = variant === "data" ? "data" : "spreadsheet";
    return segment ? analysis.csv(kind, segment) : analysis.csv(kind);
  },
  async localize({ formula, inputs, locale }) {
    const { pyodide, web } = await pythonReady;
    const pyInputs = pyodide.toPy(inputs);
    try {
      return toJs(web.localize_inputs(formula, pyInputs, locale));
    } finally {
      pyInputs.destroy();
    }
  },
};

self.onmessage = async ({ data }) => {
  const { id, type, ...payload } = data;
  try {
    if (!Object.hasOwn(handlers, type)) throw new Error(`unknown request ${type}`);
    const progress = (report) => self.postMessage({ id, progress: report });
    self.postMessage({ id, result: await handlers[type](payload, { progress }) });
  } catch (error) {
    if (error?.pyodide_fatal_error) restartPython();
    // A Python exception's message is its whole traceback; the last line says what happened.
    const lines = String(error?.message ?? error).trim().split("\n");
    self.postMessage({ id, error: lines[lines.length - 1] });
  }
};
