"""A local server that behaves like a static host: gzip and cache headers.

Python's http.server sends files uncompressed and without Cache-Control, which
makes page-speed audits report problems readers never have. This one sends
text gzip-compressed (level 6, as most hosts do) when the browser accepts it,
and GitHub Pages' headers: ``Cache-Control: max-age=600`` and a
``Last-Modified``; a missing file gets the site's 404.html with status 404.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/wasm", "application/manifest+json")
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".whl": "application/zip", ".json": "application/json", ".woff2": "font/woff2",
         ".xml": "application/xml", ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
CACHE_CONTROL = "max-age=600"


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, *args, directory: Path, **kwargs) -> None:
        self.directory = directory
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    def do_HEAD(self):  # noqa: N802 - stdlib naming
        self.do_GET(body=False)

    def do_GET(self, body: bool = True):  # noqa: N802 - stdlib naming
        path = unquote(urlsplit(self.path).path)
        target = (self.directory / path.lstrip("/")).resolve()
        if self.directory not in target.parents and target != self.directory:
            return self._send(404, self.directory / "404.html", body)
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            target = target / "index.html"
        if not target.is_file():
            return self._send(404, self.directory / "404.html", body)
        return self._send(200, target, body)

    def _send(self, status: int, file: Path, body: bool) -> None:
        content_type = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        data = file.read_bytes()
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and content_type.startswith(COMPRESSED_TYPES)
        if compress:
            data = self.server.gzipped(file, data)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Last-Modified", email.utils.formatdate(file.stat().st_mtime, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._gzipped: dict[Path, bytes] = {}
        self._lock = threading.Lock()

    def gzipped(self, file: Path, data: bytes) -> bytes:
        with self._lock:
            if file not in self._gzipped:
                self._gzipped[file] = gzip.compress(data, 6, mtime=0)
            return self._gzipped[file]


class StaticHost:
    """Serve ``directory`` on 127.0.0.1 at a free port (``origin``) until ``stop()``."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_Handler, directory=Path(directory).resolve())
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> StaticHost:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
