// Registers the site's service worker on the calculator pages and shows the
// "works offline" note once it has precached everything the pages need
// (clvsite/templates/sw.js). The page gives the worker's URL (data-worker): it
// sits at the site root, which may be a sub-path of the host.
const note = document.querySelector("[data-offline-note]");

if (note && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(note.dataset.worker)
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      note.hidden = false;
      note.dataset.offlineNote = "ready";
    })
    .catch(() => {});
}
