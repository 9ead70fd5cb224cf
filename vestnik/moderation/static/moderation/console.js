// The moderators' console: keyboard shortcuts over the queue (no dependencies;
// HTMX, loaded by base.html, swaps each decided item in place).
(function () {
  "use strict";
  var current = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(".queue-item:not(.decided)"));
  }

  function select(item) {
    if (current) current.classList.remove("current");
    current = item || null;
    if (current) {
      current.classList.add("current");
      current.focus({ preventScroll: true });
      current.scrollIntoView({ block: "nearest" });
    }
    var empty = document.getElementById("queue-empty-live");
    if (!current && items().length === 0 && document.getElementById("queue-items") && !empty) {
      var p = document.createElement("p");
      p.id = "queue-empty-live";
      p.className = "empty";
      p.textContent = "Queue cleared on this page. Reload for more.";
      document.getElementById("queue-items").after(p);
    }
  }

  function move(step) {
    var list = items();
    if (!list.length) return select(null);
    var i = list.indexOf(current);
    i = i < 0 ? 0 : Math.min(list.length - 1, Math.max(0, i + step));
    select(list[i]);
  }

  function submit(selector) {
    if (!current) return;
    var form = current.querySelector(selector);
    if (form) form.requestSubmit();
  }

  function follow(selector) {
    if (!current) return;
    var link = current.querySelector(selector);
    if (link) window.location.href = link.href;
  }

  function updateBulkCount() {
    var out = document.getElementById("bulk-count");
    if (out) out.textContent = document.querySelectorAll(".bulk-pick:checked").length;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("js-rule") && event.key === "Enter") {
      event.preventDefault();
      target.form.requestSubmit();
      return;
    }
    if (target && target.classList && target.classList.contains("js-rule") && event.key === "Escape") {
      if (current) current.focus();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    switch (event.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "a": submit(".js-approve"); break;
      case "f": submit(".js-feature"); break;
      case "r":
        if (current) {
          var rule = current.querySelector(".js-rule");
          if (rule) rule.focus();
        }
        break;
      case "e": follow(".js-edit"); break;
      case "o": follow(".item-open"); break;
      case "b": follow(".author-link"); break;
      case "x":
        if (current) {
          var box = current.querySelector(".bulk-pick");
          if (box) { box.checked = !box.checked; updateBulkCount(); }
        }
        break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("bulk-pick")) updateBulkCount();
  });

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(".queue-item:not(.decided)");
    if (item) select(item);
  });

  // After HTMX settled a decided item in place, go on with the next one.
  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail && event.detail.elt;
    var next = null;
    var list = items();
    if (swapped && swapped.id) {
      var el = document.getElementById(swapped.id);
      var sibling = el ? el.nextElementSibling : null;
      while (sibling && sibling.classList.contains("decided")) sibling = sibling.nextElementSibling;
      next = sibling || list[list.length - 1] || null;
    }
    select(next);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var first = items()[0];
    if (first) select(first);
  });
})();
