// The sign-in pop-up's last page: the embedded thread notices the new session
// by itself (embed-frame.js polls), so this window only has to go away.
window.setTimeout(function () { window.close(); }, 800);
