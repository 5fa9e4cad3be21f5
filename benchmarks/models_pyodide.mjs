// Every model fit on the CDNOW master summary inside Pyodide under Node.
//
// Usage: node benchmarks/models_pyodide.mjs WHEEL CSV END
// Prints one JSON line: {python, read_s, fits: {model: seconds}}.  The
// start-up (wheel on sys.path, nothing installed or fetched) is
// pyodide_start.mjs, shared with your_data_pyodide.mjs.
import { startPyodide } from "./pyodide_start.mjs";

const pyodide = await startPyodide();
const answer = pyodide.runPython(`
import json, sys, time
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
