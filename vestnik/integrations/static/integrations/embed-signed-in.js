// The sign-in pop-up's last page. Its GET only shows a form (a GET changes
// nothing: a prefetch or a crawler may send one); this script submits it at
// once, and the POST's answer carries the embed token. That page hands it to
// the embedded thread that opened the pop-up (a window on our own origin,
// inside another site's page): postMessage addressed to our origin, so no
// other page can receive it. The thread keeps the token, since it gets no
// session cookie inside that page.
(function () {
  "use strict";
  var opener = window.opener;
  var form = document.getElementById("vestnik-handoff-form");
  if (form) {
    // Without an opener nothing could take the token: the reader may still
    // press the button, e.g. in a tab the frame opened with a blocked pop-up.
    if (opener && !opener.closed) form.submit();
    return;
  }
  var node = document.getElementById("vestnik-handoff");
  var handoff = node ? JSON.parse(node.textContent) : null;
  if (handoff && opener && !opener.closed) {
    opener.postMessage(handoff, window.location.origin);
  }
  if (opener) window.setTimeout(function () { window.close(); }, 800);
})();
