/* rdv-tunnel embed. Paste where the booking step goes:
   <script src="https://rdv.example.fr/embed.js" data-type="appel" async></script>
   Optionally put a plain link right before it, for visitors without JavaScript:
   <a href="https://rdv.example.fr/prendre-rendez-vous" data-rdv-tunnel>Prendre rendez-vous</a>
   The script puts the tunnel in a frame in its place (or the link's), sized to its content. */
(function () {
  var s = document.currentScript;
  if (!s || !s.src) return;
  var origin = new URL(s.src).origin;
  var d = s.dataset;
  var q = new URLSearchParams({ embed: '1' });
  if (d.type) q.set('type', d.type);
  if (d.lang) q.set('lang', d.lang);
  var f = document.createElement('iframe');
  f.src = origin + '/prendre-rendez-vous?' + q;
  f.title = d.title || (d.lang === 'en' ? 'Book an appointment' : 'Prendre rendez-vous');
  f.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden';
  f.setAttribute('scrolling', 'no');
  var link = s.previousElementSibling;
  if (link && link.hasAttribute('data-rdv-tunnel')) link.replaceWith(f);
  else s.parentNode.insertBefore(f, s);
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== f.contentWindow) return;
    var m = e.data;
    if (m && m.rdvTunnel === 'height' && m.height > 0 && m.height < 20000) {
      f.style.height = Math.ceil(m.height) + 'px';
    }
  });
})();
