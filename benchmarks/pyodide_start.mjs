// The start-up both Pyodide benchmarks share (models_pyodide.mjs,
// your_data_pyodide.mjs): the pinned Pyodide from node_modules, the
// calculator wheel on sys.path (zipimport: it is pure Python) and the CSV
// log in the in-memory file system, so nothing is installed or fetched.
//
// Reads WHEEL CSV END from the command line; returns a Pyodide whose globals
// hold END and whose /log.csv is the log.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function startPyodide() {
  const { loadPyodide } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));
  const [wheel, csvPath, end] = process.argv.slice(2);
  const pyodide = await loadPyodide({ indexURL: join(ROOT, "node_modules", "pyodide") + "/" });
  pyodide.FS.writeFile("/calculator.whl", readFileSync(wheel));
  pyodide.FS.writeFile("/log.csv", readFileSync(csvPath));
  pyodide.globals.set("END", end);
  pyodide.runPython('import sys; sys.path.insert(0, "/calculator.whl")');
  return pyodide;
}
