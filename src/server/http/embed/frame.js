/* Inside the rdv-tunnel frame: tells the embedding page the content's height at every
   step, so the frame never shows a scroll bar of its own. Only to the embedding origin. */
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
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
  window.addEventListener('load', send);
  send();
})();
