/* Inside the rdv-tunnel frame: tells the embedding page the content's height at every
   step, so the frame never shows a scroll bar of its own, that the tunnel is ready, and
   once per page that a booking was made or a proposal sent (its event type and date, never
   personal data). Only to the embedding origin. */
(function () {
  if (window.parent === window) return;
  var ancestors = window.location.ancestorOrigins;
  var target = ancestors && ancestors.length ? ancestors[0] : null;
  if (!target) {
    try {
      target = sessionStorage.getItem('rdv-parent');
      if (!target && document.referrer) {
        target = new URL(document.referrer).origin;
        if (target !== window.location.origin) sessionStorage.setItem('rdv-parent', target);
        else target = null;
      }
    } catch (e) {
      target = null;
    }
  }
  if (!target) return;
  var last = 0;
  function send() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      window.parent.postMessage({ rdvTunnel: 'height', height: h }, target);
    }
  }
  function tell(what, type, date) {
    window.parent.postMessage({ rdvTunnel: what, type: type || null, date: date || null }, target);
  }
  tell('ready');
  var done = document.querySelector('[data-rdv-done]');
  if (done) {
    var key = 'rdv-told:' + location.pathname;
    try {
      if (sessionStorage.getItem(key)) done = null;
      else sessionStorage.setItem(key, '1');
    } catch (e) {}
    if (done) tell(done.dataset.rdvDone, done.dataset.rdvType, done.dataset.rdvDate);
  }
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
  window.addEventListener('load', send);
  send();
})();
