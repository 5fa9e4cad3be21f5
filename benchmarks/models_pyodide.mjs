// Every model fit on the CDNOW master summary inside Pyodide under Node.
//
// Usage: node benchmarks/models_pyodide.mjs WHEEL CSV END
// Prints one JSON line: {python, read_s, fits: {model: seconds}}.  As in
// your_data_pyodide.mjs the wheel goes on sys.path (zipimport), nothing is
// installed or fetched.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { loadPyodide } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));
const [wheel, csvPath, end] = process.argv.slice(2);

const pyodide = await loadPyodide({ indexURL: join(ROOT, "node_modules", "pyodide") + "/" });
pyodide.FS.writeFile("/calculator.whl", readFileSync(wheel));
pyodide.FS.writeFile("/log.csv", readFileSync(csvPath));
pyodide.globals.set("END", end);
const answer = pyodide.runPython(`
import json, sys, time
sys.path.insert(0, "/calculator.whl")
from calculator.customers import summarize
from calculator.models.table import PURCHASE_MODELS
from calculator.models import gamma_gamma

start = time.perf_counter()
rows = summarize(open("/log.csv", encoding="utf-8").read(), end=END, unit="week")["customers"]
read_s = time.perf_counter() - start
histories = [(r["frequency"], r["recency"], r["T"]) for r in rows]
fits = {}
for name, model in PURCHASE_MODELS.items():
    start = time.perf_counter()
    model.fit(histories)
    fits[name] = time.perf_counter() - start
start = time.perf_counter()
gamma_gamma.fit([(r["frequency"], r["monetary_value"]) for r in rows])
fits["gamma_gamma"] = time.perf_counter() - start
json.dumps({"python": sys.version.split()[0], "read_s": read_s, "fits": fits})
`);
console.log(answer);
