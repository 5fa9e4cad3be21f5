// Offline support for the calculator: network first, so a visitor always gets
// the current build when online; what was fetched is kept in a cache and served
// when the network is gone. Only this site's own GET requests are handled.
const CACHE = "clv-site-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: request.mode === "navigate" })
        .then((cached) => cached ?? Response.error())),
  );
});
