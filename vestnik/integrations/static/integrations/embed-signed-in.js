// The sign-in pop-up's last page. It hands the embedded thread that opened it
// (a window on our own origin, inside another site's page) its embed token:
// postMessage addressed to our origin, so no other page can receive it. The
// thread keeps the token, since it gets no session cookie inside that page.
(function () {
  "use strict";
  var node = document.getElementById("vestnik-handoff");
  var handoff = node ? JSON.parse(node.textContent) : null;
  var opener = window.opener;
  if (handoff && opener && !opener.closed) {
    opener.postMessage(handoff, window.location.origin);
  }
  if (opener) window.setTimeout(function () { window.close(); }, 800);
})();
