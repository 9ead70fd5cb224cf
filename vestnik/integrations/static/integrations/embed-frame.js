// Runs inside the embedded thread (our origin). Tells the host page how tall
// the thread is, only ever to the allowed origin that frames it, and opens
// sign-in in a pop-up window on our own domain.
(function () {
  "use strict";
  var data = document.getElementById("vestnik-embed-origin");
  var hostOrigin = data ? JSON.parse(data.textContent) : null;

  function report() {
    if (!hostOrigin || window.parent === window) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "vestnik:height", height: height }, hostOrigin);
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
  document.addEventListener("htmx:afterSettle", report);
  report();

  var signIn = document.getElementById("vestnik-sign-in");
  if (!signIn) return;
  signIn.addEventListener("click", function (event) {
    event.preventDefault();
    var popup = window.open(signIn.href, "vestnik-sign-in", "popup,width=480,height=680");
    if (!popup) window.open(signIn.href, "_blank");
    // The pop-up may lose its opener (Cross-Origin-Opener-Policy), so ask the
    // server rather than wait for a message.
    var tries = 0;
    var timer = window.setInterval(function () {
      if (++tries > 400) return window.clearInterval(timer);
      fetch(signIn.dataset.session, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (state.authenticated) {
            window.clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () {});
    }, 1500);
  });
})();
