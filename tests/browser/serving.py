"""Build the site for a local origin, serve it, and start Chromium.

Shared by the browser tests (tests/browser/conftest.py) and the calculator
benchmark (benchmarks/calculator.py), so both measure the same thing.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.site.conftest import ROOT, mkdocs_build

LANGUAGES = ("en", "lt", "nl", "pl", "vi", "uk")

# Playwright cannot download its own browser here: use Debian's Chromium.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(SimpleHTTPRequestHandler):
    """No request log; counts the bytes it sends (see SiteServer.take_sent)."""

    # Module workers and Pyodide need correct types; the stdlib table lacks .whl.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm",
                      ".whl": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self)

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's 404.html, as static hosts (GitHub Pages) serve it.

        So a stray request costs in tests and benchmarks what it costs readers.
        """
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _CountingWriter:
    """The response stream, counting bytes sent (headers and body) per URL path."""

    def __init__(self, stream, handler) -> None:
        self._stream, self._handler = stream, handler

    def write(self, data) -> int:
        self._handler.server.count(getattr(self._handler, "path", ""), len(data))
        return self._stream.write(data)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.sent: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path.split("?")[0]] += size


class SiteServer:
    """A ThreadingHTTPServer on 127.0.0.1, a free port, serving *directory*.

    The port is bound first so that the site can be built for that origin
    (canonical, og:url and sitemap URLs then name the server). *site_url* is
    the one the build in *directory* was made for, when that was another
    server's origin (a second pytest-xdist worker serving the same build).
    """

    def __init__(self, directory: Path, site_url: str | None = None) -> None:
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.site_url = site_url or self.origin + "/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def take_sent(self) -> Counter[str]:
        """Bytes sent per path since the last call (headers included), and reset."""
        with self.httpd._lock:
            sent, self.httpd.sent = self.httpd.sent, Counter()
        return sent

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():  # shutdown() waits for a serve_forever that never ran
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()


def build_for(server: SiteServer, site_dir: Path) -> None:
    """Strict build of the whole site into *site_dir* for *server*'s origin."""
    result = mkdocs_build(ROOT, site_dir, env={"CLV_SITE_URL": server.origin + "/"})
    if result.returncode != 0:
        # MkDocs logs to stderr; its first lines name the problem (and file:line).
        errors = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
        raise RuntimeError("mkdocs build --strict failed:\n" + "\n".join(errors[:40]))


def launch(playwright):
    """Headless Debian Chromium with the flags this sandbox needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
