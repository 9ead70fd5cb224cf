// Vestnik's embeddable discussion. On a page of a site the Vestnik admin lists:
//
//   <script src="https://VESTNIK/embed.js" data-article="ID, SLUG or URL" async></script>
//   or <vestnik-comments data-article="..."></vestnik-comments> with the script once.
//
// An empty or missing data-article means "this page": its canonical URL and
// title (an external story, created on the first comment). The thread lives in
// an iframe on Vestnik's origin; it tells us only its height.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var vestnik = new URL(script.src).origin;

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL((canonical && canonical.href) || window.location.href, window.location.href);
    url.hash = "";
    return url.href;
  }

  function mount(host, ref) {
    if (host.querySelector("iframe.vestnik-comments-frame")) return;
    var params = new URLSearchParams();
    params.set("origin", window.location.origin);
    ref = (ref || "").trim();
    if (ref && !/^https?:\/\//i.test(ref)) {
      params.set("article", ref);
    } else {
      params.set("url", ref || pageUrl());
      params.set("title", host.getAttribute("data-title") || document.title || "");
    }
    var frame = document.createElement("iframe");
    frame.className = "vestnik-comments-frame";
    frame.title = host.getAttribute("data-frame-title") || "Comments";
    frame.src = vestnik + "/integrations/embed/thread?" + params.toString();
    frame.style.cssText = "display:block;width:100%;min-height:160px;border:0;";
    window.addEventListener("message", function (event) {
      if (event.origin !== vestnik || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || data.type !== "vestnik:height") return;
      var height = Number(data.height);
      if (isFinite(height) && height > 0) {
        frame.style.height = Math.min(Math.ceil(height), 200000) + "px";
      }
    });
    host.appendChild(frame);
  }

  if (window.customElements && !window.customElements.get("vestnik-comments")) {
    window.customElements.define(
      "vestnik-comments",
      class extends HTMLElement {
        connectedCallback() {
          mount(this, this.getAttribute("data-article"));
        }
      }
    );
  }
  if (script.hasAttribute("data-article")) {
    var box = document.createElement("div");
    box.className = "vestnik-comments";
    box.setAttribute("data-title", script.getAttribute("data-title") || "");
    script.parentNode.insertBefore(box, script.nextSibling);
    mount(box, script.getAttribute("data-article"));
  }
})();
