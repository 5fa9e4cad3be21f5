// The BG/NBD + Gamma-Gamma fit on a CSV log inside Pyodide under Node.
//
// Usage: node benchmarks/your_data_pyodide.mjs WHEEL CSV END
// Prints one JSON line: {python, read_s, fit_s, analyze_s, bgnbd, gamma_gamma}.
// The start-up (wheel on sys.path, nothing installed or fetched) is
// pyodide_start.mjs, shared with models_pyodide.mjs.
import { startPyodide } from "./pyodide_start.mjs";

const pyodide = await startPyodide();
const answer = pyodide.runPython(`
import json, sys, time
from calculator.analysis import analyze
from calculator.models import bgnbd, gamma_gamma
from calculator.customers import summarize

text = open("/log.csv", encoding="utf-8").read()
start = time.perf_counter()
rows = summarize(text, end=END, unit="week")["customers"]
read_s = time.perf_counter() - start
start = time.perf_counter()
purchases = bgnbd.fit([(r["frequency"], r["recency"], r["T"]) for r in rows])
spend = gamma_gamma.fit([(r["frequency"], r["monetary_value"]) for r in rows])
fit_s = time.perf_counter() - start
start = time.perf_counter()
analyze(text, {"end": END, "unit": "week"})
analyze_s = time.perf_counter() - start
json.dumps({"python": sys.version.split()[0], "customers": len(rows), "read_s": read_s,
            "fit_s": fit_s, "analyze_s": analyze_s,
            "bgnbd": {**purchases.params._asdict(), "log_likelihood": purchases.log_likelihood},
            "gamma_gamma": spend.params._asdict()})
`);
console.log(answer);
