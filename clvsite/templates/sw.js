// The site's service worker (built by clvsite/offline.py, which fills in the
// three constants below). After one visit to a calculator page, in any
// language, every tree's calculator pages compute with the network off, also
// after a browser restart.
//
// - Install precaches the shared runtime (Pyodide, wheel, lock file, scripts,
//   styles, fonts) into one cache and each tree's calculator pages into a cache
//   of that tree; every name carries the build's VERSION, a digest of those very
//   bytes, so the lock file and the wheel it names (with its sha256) always come
//   from one build.
// - Activate deletes this site's caches of other versions (and the unversioned
//   one of the first worker).
// - Runtime files are answered cache-first (they cannot be stale: a build that
//   changes one changes VERSION). Pages are network-first; offline, a page is
//   looked up only in its own tree's cache, by its exact URL and then by its
//   path without the query (only query-less copies are stored: the build's own
//   HTML, never a response to a crafted URL), so a shared link such as
//   calculator/?formula=simple&aov=75 opens offline too.
// - The scope is the site root because the Python Web Worker's script lives
//   there (a worker script gets the service worker of its own URL); the trees
//   are kept apart by their caches.
const VERSION = __VERSION__;
const RUNTIME = __RUNTIME__;
const TREES = __TREES__;

const root = new URL("./", self.location);
const href = (path) => new URL(path, root).href;
// Cache names carry the site's path: other sites on the same origin (project
// pages of one GitHub organisation) keep theirs.
const PREFIX = `clv ${root.pathname} `;
const runtimeCache = `${PREFIX}runtime ${VERSION}`;
const pagesCache = (tree) => `${PREFIX}pages ${tree} ${VERSION}`;
const runtime = new Set(RUNTIME.map(href));

function treeOf(url) {
  const first = url.pathname.slice(root.pathname.length).split("/", 1)[0];
  return first in TREES && first !== "root" ? first : "root";
}

function withoutQuery(url) {
  return url.origin + url.pathname;
}

self.addEventListener("install", (event) => {
  const fresh = (url) => new Request(url, { cache: "reload" });
  event.waitUntil(
    Promise.all([
      caches.open(runtimeCache).then((cache) => cache.addAll([...runtime].map(fresh))),
      ...Object.entries(TREES).map(([tree, pages]) =>
        caches.open(pagesCache(tree)).then((cache) => cache.addAll(pages.map((page) => fresh(href(page)))))),
    ]).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const current = new Set([runtimeCache, ...Object.keys(TREES).map(pagesCache)]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => (name.startsWith(PREFIX) && !current.has(name)) || name === "clv-site-v1")
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function page(request, url) {
  const cacheName = pagesCache(treeOf(url));
  try {
    const response = await fetch(request);
    // A redirected response may not answer a later navigation: keep only direct ones.
    if (response.ok && !response.redirected && !url.search) {
      const copy = response.clone();
      caches.open(cacheName).then((cache) => cache.put(url.href, copy));
    }
    return response;
  } catch (error) {
    const cache = await caches.open(cacheName);
    const cached = (await cache.match(url.href)) ?? (await cache.match(withoutQuery(url)));
    if (cached) return cached;
    throw error;
  }
}

async function runtimeFile(request) {
  const cached = await (await caches.open(runtimeCache)).match(request, { ignoreMethod: true });
  if (!cached) return fetch(request);
  // The worker asks for the wasm with HEAD first (it fails fast when the file is
  // missing): answer that from the cache too, headers only.
  return request.method === "HEAD" ? new Response(null, { status: cached.status, headers: cached.headers }) : cached;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!["GET", "HEAD"].includes(request.method) || url.origin !== self.location.origin) return;
  if (request.method === "HEAD" && !runtime.has(url.href)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (runtime.has(url.href)) {
    event.respondWith(runtimeFile(request));
  }
});
