// Live countdown for a Pix charge. The page already shows the deadline (server-rendered, works without script);
// this only turns it into minutes and seconds left. Loaded from a file: the CSP allows no inline script.
(function () {
  'use strict';
  var el = document.getElementById('pix-countdown');
  if (!el) { return; }
  var deadline = Date.parse(el.getAttribute('datetime'));
  var expired = el.getAttribute('data-expired-text');
  if (isNaN(deadline)) { return; }
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    if (left === 0) {
      el.textContent = expired;
      return;
    }
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = m + ':' + (s < 10 ? '0' : '') + s;
    setTimeout(tick, 1000);
  }
  tick();
})();
