// Run the formula suite (tests/formulas) with pytest inside Pyodide under Node.
//
// Usage: node tests/pyodide/run_formula_suite.mjs [--report FILE] [WHEELS_DIR] [TESTS_DIR...]
//   WHEELS_DIR  wheels + pyodide-lock.json from `python -m tests.pyodide.prepare`
//               (default build/pyodide-tests/wheels)
//   TESTS_DIR   folder copied to /tests/<n>/formulas (default tests/formulas); with
//               several, pytest runs on each in turn in the same Pyodide, which
//               is started once (starting it is most of a run's time)
//   --report    also write {"python": "3.14.x", "runs": [{"tests", "exit", "output"}]}
//               as JSON to FILE, one run per TESTS_DIR, in order
// Exits with the first nonzero pytest exit code, else 0; 1 with a message
// when Pyodide cannot be set up.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);
const reportAt = argv.indexOf("--report");
const reportFile = reportAt === -1 ? null : resolve(argv.splice(reportAt, 2)[1]);
const wheelsDir = resolve(argv[0] || join(ROOT, "build", "pyodide-tests", "wheels"));
const testsDirs = (argv.length > 1 ? argv.slice(1) : [join(ROOT, "tests", "formulas")]).map((dir) => resolve(dir));
// -rfE: the summary names every failed case; no cache folder in a throwaway FS.
const PYTEST_FLAGS = ["-q", "-rfE", "-p", "no:cacheprovider"];

class SetupError extends Error {}

// Pyodide checks sha256 only for browser fetches, not for files read in Node.
function readLock(lockFile) {
  const prepare = "run `python -m tests.pyodide.prepare`";
  if (!existsSync(lockFile)) throw new SetupError(`${lockFile} is missing: ${prepare}`);
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  for (const entry of Object.values(lock.packages)) {
    const wheel = join(wheelsDir, entry.file_name);
    if (!existsSync(wheel)) throw new SetupError(`${wheel} is missing: ${prepare}`);
    const sha256 = createHash("sha256").update(readFileSync(wheel)).digest("hex");
    if (sha256 !== entry.sha256) throw new SetupError(`${wheel} does not match the sha256 in ${lockFile}`);
  }
  return lock;
}

// Our lock lists only our wheels, and packageBaseUrl is also where Node would
// "download" a missing wheel from, so nothing can come from Pyodide's CDN.
async function startPyodide() {
  const lockFile = join(wheelsDir, "pyodide-lock.json");
  const wanted = Object.keys(readLock(lockFile).packages);
  const pyodide = await loadPyodide({
    indexURL: join(ROOT, "node_modules", "pyodide") + "/",
    lockFileURL: lockFile,
    packageBaseUrl: wheelsDir + "/",
    packageCacheDir: wheelsDir + "/",
    env: { PYTHONDONTWRITEBYTECODE: "1" },
  });
  // loadPackage reports failures through the callbacks, it does not reject.
  const errors = [];
  await pyodide.loadPackage(wanted, {
    messageCallback: (message) => {
      if (/attempting to load from/i.test(message)) errors.push(message);
    },
    errorCallback: (message) => errors.push(message),
  });
  const missing = wanted.filter((name) => !(name in pyodide.loadedPackages));
  if (errors.length || missing.length) {
    const problems = [...errors, ...missing.map((name) => `${name} not loaded`)];
    throw new SetupError(`loading packages failed: ${problems.join("; ")}`);
  }
  return pyodide;
}

// A copy, not a NODEFS mount: pytest's writes stay inside Pyodide.
function copyTree(pyodide, source, target) {
  if (!existsSync(source)) throw new SetupError(`${source} does not exist`);
  for (const entry of readdirSync(source, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const inside = join(target, relative(source, path));
    if (inside.includes("__pycache__")) continue;
    if (entry.isDirectory()) pyodide.FS.mkdirTree(inside);
    else if (entry.isFile()) {
      pyodide.FS.mkdirTree(dirname(inside));
      pyodide.FS.writeFile(inside, readFileSync(path));
    }
  }
}

// pytest on one copied folder; its output is echoed and kept for the report.
function runPytest(pyodide, testsDir, target) {
  copyTree(pyodide, testsDir, target);
  pyodide.FS.chdir(target);  // report paths as test_cases.py::…, not ../../tests/…
  // Raw bytes, not lines: pytest's progress dots stay on one line.
  const chunks = [];
  const keep = (stream) => ({
    write: (buffer) => {
      chunks.push(Buffer.from(buffer));  // a copy: Pyodide reuses the buffer
      stream.write(buffer);
      return buffer.length;
    },
  });
  pyodide.setStdout(keep(process.stdout));
  pyodide.setStderr(keep(process.stderr));
  const pytest = pyodide.pyimport("pytest");
  const args = pyodide.toPy([...PYTEST_FLAGS, target]);
  try {
    return { tests: testsDir, exit: Number(pytest.main(args)), output: Buffer.concat(chunks).toString("utf8") };
  } finally {
    args.destroy();
    pytest.destroy();
    // The next folder's test_cases.py has the same module name: without this,
    // pytest would refuse it ("import file mismatch") or run the old one.
    pyodide.runPython(`
import sys
for name, module in list(sys.modules.items()):
    if (getattr(module, "__file__", None) or "").startswith(${JSON.stringify(target + "/")}):
        del sys.modules[name]
`);
  }
}

async function main() {
  const pyodide = await startPyodide();
  const sys = pyodide.pyimport("sys");
  const versionInfo = sys.version_info;
  const python = versionInfo.toJs().slice(0, 3).join(".");
  versionInfo.destroy();
  sys.destroy();
  console.log(`Python inside Pyodide: ${python}`);
  // Each folder gets its own path, so no file of one run is seen by the next.
  const runs = testsDirs.map((dir, index) => runPytest(pyodide, dir, `/tests/${index}/formulas`));
  if (reportFile) writeFileSync(reportFile, JSON.stringify({ python, runs }, null, 1));
  return runs.map((run) => run.exit).find((exit) => exit !== 0) ?? 0;
}

// Only the message: an uncaught error would print a line of minified Pyodide.
try {
  process.exitCode = await main();
} catch (error) {
  console.error(`run_formula_suite: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  process.exitCode = 1;
}
