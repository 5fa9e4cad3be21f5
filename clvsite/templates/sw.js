// The service worker of one language tree (built by clvsite/offline.py, which
// fills in the four constants below). After one visit to a calculator page the tree's
// calculator pages compute with the network off, also after a browser restart.
//
// - Install precaches the pages and everything they load (Pyodide runtime,
//   wheel, lock file, scripts, styles, fonts) into a cache named after the tree
//   and the build's VERSION, a digest of those very bytes: the lock file and
//   the wheel it names (with its sha256) always come from one build.
// - Activate deletes this tree's caches of other versions.
// - Precached files are answered cache-first (they cannot be stale: a build
//   that changes one changes VERSION). Pages are network-first; offline, a page
//   is answered only by the copy stored for its exact path without a query
//   (the build's own HTML, never a response to a crafted URL), so a shared link
//   such as calculator/?formula=simple&aov=75 opens offline too.
// - The root tree's worker leaves the other trees' paths alone.
const VERSION = __VERSION__;
const TREE = __TREE__;
const PRECACHE = __PRECACHE__;
const OTHER_TREES = __OTHER_TREES__;

const PREFIX = `clv-${TREE}-`;
const CACHE = PREFIX + VERSION;
const scopePath = new URL("./", self.location).pathname;
const precached = new Set(PRECACHE.map((path) => new URL(path, self.location).href));
const otherTrees = OTHER_TREES.map((tree) => scopePath + tree);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([...precached].map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => (name.startsWith(PREFIX) && name !== CACHE) || name === "clv-site-v1")
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function withoutQuery(url) {
  return url.origin + url.pathname;
}

async function fromCache(key) {
  const cache = await caches.open(CACHE);
  return cache.match(key);
}

async function networkFirst(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok && !url.search && request.mode === "navigate") {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(url.href, copy));
    }
    return response;
  } catch (error) {
    const cached = (await fromCache(request)) ?? (request.mode === "navigate" && await fromCache(withoutQuery(url)));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await fromCache(request);
  return cached ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (otherTrees.some((tree) => url.pathname.startsWith(tree))) return;
  const isPage = request.mode === "navigate" || (precached.has(withoutQuery(url)) && url.pathname.endsWith("/"));
  if (!isPage && precached.has(url.href)) {
    event.respondWith(cacheFirst(request));
  } else if (isPage) {
    event.respondWith(networkFirst(request, url));
  }
});
