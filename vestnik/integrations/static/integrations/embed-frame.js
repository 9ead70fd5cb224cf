// Runs inside the embedded thread (our origin). Tells the host page how tall
// the thread is, only ever to the allowed origin that frames it, and signs the
// reader in through a pop-up window on our own domain.
//
// Inside another site's page this frame gets no session cookie (SameSite=Lax;
// browsers block third-party cookies anyway). The pop-up's last page posts us
// an embed token instead (integrations/embed_auth.py); we keep it in
// sessionStorage and send it as a header on every HTMX request, which goes to
// the embed endpoints that read the reader from it. On a page of our own site
// the cookie still works, and the session poll below notices the sign-in.
(function () {
  "use strict";
  var data = document.getElementById("vestnik-embed-config");
  var config = data ? JSON.parse(data.textContent) : null;
  var hostOrigin = config ? config.origin : null;
  var storageKey = "vestnik-embed-token:" + hostOrigin;

  function report() {
    if (!hostOrigin || window.parent === window) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "vestnik:height", height: height }, hostOrigin);
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
  document.addEventListener("htmx:afterSettle", report);
  report();
  if (!config) return;

  function token() {
    try { return window.sessionStorage.getItem(storageKey); } catch (e) { return null; }
  }
  function remember(value) {
    try {
      if (value) window.sessionStorage.setItem(storageKey, value);
      else window.sessionStorage.removeItem(storageKey);
    } catch (e) { /* storage refused: the token lives until the frame reloads */ }
    memory = value;
  }
  // A page of our own site signs the reader in with the cookie; a token from
  // another tab's sign-in must not speak for someone else there.
  var memory = config.cookieReader ? null : token();

  // Every HTMX request of the thread carries the token, and the site's own
  // comment URLs go to their embed twins, which accept it.
  document.addEventListener("htmx:configRequest", function (event) {
    if (!memory) return;
    event.detail.headers[config.header] = memory;
    var path = event.detail.path;
    if (path.indexOf(config.communityRoot) === 0) {
      event.detail.path = config.tokenRoot + path.slice(config.communityRoot.length);
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 401 && memory) {
      remember(null);
      window.location.reload();
    }
  });

  // Render the thread again as the signed-in reader: the page itself came
  // without a reader, since no header can ride on a frame's navigation.
  function refresh() {
    var headers = {};
    headers[config.header] = memory;
    fetch(window.location.href, { headers: headers, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          remember(null);
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        var main = document.getElementById("main");
        if (!fresh || !main) return;
        main.replaceWith(fresh);
        if (window.htmx) window.htmx.process(fresh);
        wire();
        report();
      })
      .catch(function () {});
  }

  var popup = null;
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !popup || event.source !== popup) return;
    var message = event.data;
    if (!message || message.type !== "vestnik:embed-token" || message.origin !== hostOrigin) return;
    if (typeof message.token !== "string" || !message.token) return;
    remember(message.token);
    refresh();
  });

  function wire() {
    var signOut = document.getElementById("vestnik-sign-out");
    if (signOut) {
      signOut.addEventListener("click", function (event) {
        event.preventDefault();
        // The server ends the token too, so a copy of it is worth nothing.
        var held = memory;
        remember(null);
        var headers = {};
        if (held) headers[config.header] = held;
        fetch(config.signOut, { method: "POST", headers: headers, cache: "no-store" })
          .catch(function () {})
          .then(function () { window.location.reload(); });
      });
    }
    var signIn = document.getElementById("vestnik-sign-in");
    if (!signIn) return;
    signIn.addEventListener("click", function (event) {
      event.preventDefault();
      popup = window.open(signIn.href, "vestnik-sign-in", "popup,width=480,height=680");
      if (!popup) window.open(signIn.href, "_blank");
      // On a page of our own site the session cookie reaches this frame too:
      // ask the server, in case the pop-up lost its opener.
      var tries = 0;
      var timer = window.setInterval(function () {
        if (memory || ++tries > 400) return window.clearInterval(timer);
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
  }
  wire();
  if (memory) refresh();
})();
