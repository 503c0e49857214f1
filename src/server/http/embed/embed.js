/* rdv-tunnel embed. Paste where the booking step goes:
   <script src="https://rdv.example.fr/embed.js" data-type="appel" async></script>
   after an optional link for visitors without JavaScript:
   <a href="https://rdv.example.fr/prendre-rendez-vous" data-rdv-tunnel>Prendre rendez-vous</a>
   It puts the tunnel in a frame there, sized to its content (data-mode="popup": a button
   that opens it over the page; data-accent="#0b7a75": its buttons' colour), and dispatches
   rdv:ready, rdv:booked and rdv:proposed on the frame, detail {type, date}. */
(function () {
  var s = document.currentScript;
  if (!s || !s.src) return;
  var origin = new URL(s.src).origin;
  var d = s.dataset;
  var en = d.lang === 'en';
  var q = new URLSearchParams({ embed: '1' });
  if (d.type) q.set('type', d.type);
  if (d.lang) q.set('lang', d.lang);
  if (/^#[0-9a-f]{6}$/i.test(d.accent || '')) q.set('accent', d.accent);
  var f = document.createElement('iframe');
  f.src = origin + '/prendre-rendez-vous?' + q;
  f.title = d.title || (en ? 'Book an appointment' : 'Prendre rendez-vous');
  f.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden';
  f.setAttribute('scrolling', 'no');
  var link = s.previousElementSibling;
  if (!link || !link.hasAttribute('data-rdv-tunnel')) link = null;
  var place = f;
  if (d.mode === 'popup') {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = d.label || (link && link.textContent.trim()) || f.title;
    b.setAttribute('data-rdv-tunnel-button', '');
    var dlg = document.createElement('dialog');
    dlg.setAttribute('aria-label', f.title);
    dlg.style.cssText = 'width:min(40rem,100vw - 1rem);max-height:90vh;padding:0;border:0;border-radius:.6rem;overflow:auto';
    var x = document.createElement('button');
    x.type = 'button';
    x.textContent = en ? 'Close' : 'Fermer';
    x.style.cssText = 'display:block;margin:.5rem .5rem 0 auto;min-height:44px;padding:0 1rem';
    x.onclick = function () { dlg.close(); };
    dlg.appendChild(x);
    dlg.addEventListener('click', function (e) { if (e.target === dlg) dlg.close(); });
    b.onclick = function () {
      if (!dlg.contains(f)) dlg.appendChild(f);
      if (!dlg.isConnected) document.body.appendChild(dlg);
      dlg.showModal();
    };
    place = b;
  }
  if (link) link.replaceWith(place);
  else s.parentNode.insertBefore(place, s);
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== f.contentWindow) return;
    var m = e.data;
    if (m && m.rdvTunnel === 'height' && m.height > 0 && m.height < 20000) {
      f.style.height = Math.ceil(m.height) + 'px';
    } else if (m && /^(ready|booked|proposed)$/.test(m.rdvTunnel)) {
      var t = typeof m.type === 'string' ? m.type : null;
      var dt = typeof m.date === 'string' ? m.date : null;
      f.dispatchEvent(new CustomEvent('rdv:' + m.rdvTunnel, { bubbles: true, detail: { type: t, date: dt } }));
    }
  });
})();
