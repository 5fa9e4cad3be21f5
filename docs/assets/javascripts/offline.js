// Registers this language tree's service worker on the calculator pages and
// shows the "works offline" note once the worker has precached everything the
// page needs (clvsite/templates/sw.js). The worker's URL comes from the page
// (data-worker), so each tree registers its own worker with its own scope.
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
