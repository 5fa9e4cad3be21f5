"""Build the site for a local origin, serve it, and start Chromium.

Shared by the browser tests (tests/browser/conftest.py) and the calculator
benchmark (benchmarks/calculator.py), so both measure the same thing.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# LANGUAGES is re-exported: the browser tests take the site's languages from here.
from tests.site.conftest import LANGUAGES as LANGUAGES
from tests.site.conftest import ROOT, mkdocs_build, mkdocs_config

# Playwright cannot download its own browser here: use Debian's Chromium.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The site's one public address (mkdocs.yml), what a plain `make site` builds for.
# (mkdocs.yml writes it `!ENV [CLV_SITE_URL, "<default>"]`: the default is the second item.)
PUBLIC_URL = mkdocs_config()["site_url"][-1]


class _QuietHandler(SimpleHTTPRequestHandler):
    """No request log; counts the bytes it sends (see SiteServer.take_sent)."""

    # Module workers and Pyodide need correct types; the stdlib table lacks .whl.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm",
                      ".whl": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path):
        """The site lives under the server's prefix (GitHub Pages' /<project>/); elsewhere is missing."""
        prefix = self.server.prefix
        if not (path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?")):
            return str(Path(self.directory) / ".outside-the-site-path")
        return super().translate_path(path[len(prefix):] or "/")

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

    def __init__(self, *args, prefix: str = "") -> None:
        super().__init__(*args)
        self.prefix = prefix
        self.sent: Counter[str] = Counter()
        self._lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:
        """A browser that closes its connection mid-answer (a page closed while it loads) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def count(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path.split("?")[0]] += size


class SiteServer:
    """A ThreadingHTTPServer on 127.0.0.1, a free port, serving *directory*.

    *site_url* is the address the build in *directory* was made for. For the
    public address (``PUBLIC_URL``, the tests' build) the site is served under
    that address's path, /clv-glossary/, as GitHub Pages serves it, so the
    404 pages' absolute links are tried where they will be used. Without a
    *site_url* it is served at the root of this server's own origin, which the
    port, bound first, lets a build name (``build_for``: the benchmarks).
    """

    def __init__(self, directory: Path, site_url: str | None = None) -> None:
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(directory))
        prefix = urlsplit(site_url).path.rstrip("/") if site_url else ""
        self.httpd = _Server(("127.0.0.1", 0), handler, prefix=prefix)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.site_url = site_url or self.origin + "/"
        # The served address of the site's root: site_url's path on this server.
        self.root = self.origin + prefix + "/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def take_sent(self) -> Counter[str]:
        """Bytes sent per path since the last call (headers included), and reset."""
        with self.httpd._lock:
            sent, self.httpd.sent = self.httpd.sent, Counter()
        return sent

    def url(self, path: str = "/") -> str:
        """The served URL of *path*, a path from the site's root ("/lt/calculator/")."""
        return self.root.rstrip("/") + path

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
    strict_build(site_dir, env={"CLV_SITE_URL": server.origin + "/"})


def strict_build(site_dir: Path, env: dict[str, str] | None = None) -> None:
    """``mkdocs build --strict`` into *site_dir*; a failure raises with MkDocs' own lines."""
    result = mkdocs_build(ROOT, site_dir, env=env)
    if result.returncode != 0:
        # MkDocs logs to stderr; its first lines name the problem (and file:line).
        errors = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
        raise RuntimeError("mkdocs build --strict failed:\n" + "\n".join(errors[:40]))


def launch(playwright):
    """Headless Debian Chromium with the flags this sandbox needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
