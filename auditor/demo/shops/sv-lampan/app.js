/* A single-page shop (demo for auditor): every word of the page, the contact details included,
   is written by this script. A crawler without JavaScript sees an empty shell. */
(function () {
  var app = document.getElementById("app");
  document.title = "Lampan – belysning för hemmet";
  app.innerHTML =
    '<header class="site-header"><div class="wrap"><a class="logo" href="/">Lampan</a>' +
    '<nav class="main-nav" aria-label="Huvudmeny"><ul><li><a href="/#lampor">Lampor</a></li>' +
    '<li><a href="/#kontakt">Kontakt</a></li></ul></nav></div></header>' +
    '<main class="wrap"><section class="hero"><h1>Belysning för hemmet</h1>' +
    '<p>Taklampor, bordslampor och glödlampor med fri frakt över 499 kr.</p></section>' +
    '<h2 id="lampor">Populära lampor</h2><ul class="grid">' +
    '<li class="card"><h3>Taklampa Opal</h3><p class="price">899 kr</p></li>' +
    '<li class="card"><h3>Bordslampa Mässing</h3><p class="price">649 kr</p></li></ul></main>' +
    '<footer class="site-footer" id="kontakt"><div class="wrap">' +
    '<h2>Kontakta oss</h2>' +
    '<p>Kundtjänst: <a href="mailto:kundtjanst@lampan-belysning.se">kundtjanst@lampan-belysning.se</a> · ' +
    'Telefon <a href="tel:+4631123456">031-12 34 56</a> (vardagar 9–16)</p>' +
    '<p>Lampan Belysning AB · Org.nr 559231-4016 · Kungsgatan 7, 411 19 Göteborg</p>' +
    '</div></footer>';
})();
