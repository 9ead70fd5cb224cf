// "Get short URL": copy the link to the clipboard (the field stays selectable without JS).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var field = document.querySelector(button.getAttribute("data-copy"));
  if (!field) return;
  field.select();
  var done = function () { button.textContent = "Copied"; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});
document.addEventListener("toggle", function (event) {
  if (event.target.matches && event.target.matches("details.short-url") && event.target.open) {
    var field = event.target.querySelector("input");
    if (field) field.select();
  }
}, true);
