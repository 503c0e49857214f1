/* Inside the rdv-tunnel frame: tells the embedding page the content's height at every
   step, so the frame never shows a scroll bar of its own, that the tunnel is ready, and
   once per page that a booking was made or a proposal sent (its event type and date, never
   personal data). Only to the embedding origin. */
(function () {
  if (window.parent === window) return;
  // The host's accent (data-accent, #rrggbb), kept for the visit's every page, with the
  // text colour that reads on it (WCAG contrast at least 4.5 with white, else near black).
  try {
    var accent = new URLSearchParams(location.search).get('accent');
    if (/^#[0-9a-f]{6}$/i.test(accent || '')) sessionStorage.setItem('rdv-accent', accent);
    accent = sessionStorage.getItem('rdv-accent');
    if (accent) {
      var lum = [1, 3, 5].map(function (i) {
        var c = parseInt(accent.substr(i, 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      });
      var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
      var root = document.documentElement.style;
      root.setProperty('--accent', accent);
      root.setProperty('--accent-ink', 1.05 / (l + 0.05) >= 4.5 ? '#ffffff' : '#111827');
    }
  } catch (e) {}
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
