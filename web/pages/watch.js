// Reloads the page when its session changes: a move, a new quarter, a
// pause. The page works without it; this only saves pressing reload.
(function () {
  var el = document.querySelector(".watch");
  if (!el) return;
  var url = el.getAttribute("data-version"), seen = el.getAttribute("data-seen");
  setInterval(function () {
    fetch(url, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (v) {
      if (String(v.version) !== seen) location.reload();
    }).catch(function () {});
  }, 2000);
  // Counts down the time left of the quarter; the server ends it.
  var left = document.querySelector(".left");
  if (!left) return;
  var end = Date.now() + 1000 * parseFloat(left.getAttribute("data-left"));
  setInterval(function () {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    left.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }, 1000);
})();
