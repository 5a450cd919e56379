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
})();
