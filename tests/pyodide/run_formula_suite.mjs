// Run the formula suite (tests/formulas) with pytest inside Pyodide under Node.
//
// Usage: node tests/pyodide/run_formula_suite.mjs [WHEELS_DIR] [TESTS_DIR]
//   WHEELS_DIR  wheels + pyodide-lock.json from `python -m tests.pyodide.prepare`
//               (default build/pyodide-tests/wheels)
//   TESTS_DIR   folder copied to /tests/formulas (default tests/formulas)
// Exits with pytest's exit code; 1 with a message when Pyodide cannot be set up.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wheelsDir = resolve(process.argv[2] || join(ROOT, "build", "pyodide-tests", "wheels"));
const testsDir = resolve(process.argv[3] || join(ROOT, "tests", "formulas"));
const TARGET = "/tests/formulas";
// -rfE: the summary names every failed case; no cache folder in a throwaway FS.
const PYTEST_ARGS = ["-q", "-rfE", "-p", "no:cacheprovider", TARGET];

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

async function main() {
  const pyodide = await startPyodide();
  copyTree(pyodide, testsDir, TARGET);
  pyodide.FS.chdir(TARGET);  // report paths as test_cases.py::…, not ../../tests/…
  const sys = pyodide.pyimport("sys");
  const versionInfo = sys.version_info;
  const pytest = pyodide.pyimport("pytest");
  const args = pyodide.toPy(PYTEST_ARGS);
  try {
    console.log(`Python inside Pyodide: ${versionInfo.toJs().slice(0, 3).join(".")}`);
    return Number(pytest.main(args));
  } finally {
    for (const proxy of [args, pytest, versionInfo, sys]) proxy.destroy();
  }
}

// Only the message: an uncaught error would print a line of minified Pyodide.
try {
  process.exitCode = await main();
} catch (error) {
  console.error(`run_formula_suite: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  process.exitCode = 1;
}
