/* Demo chat widget written for auditor's test shops. It mimics how hosted chat widgets load
   (a global queue, a launcher in the page corner, a panel that opens on click) without any
   vendor's code. It offers the consumer a transcript by email. Nothing is ever sent. */
(function () {
  window.$crisp = window.$crisp || [];
  window.CRISP_WEBSITE_ID = "demo-kompis";
  function build() {
    var root = document.createElement("div");
    root.className = "crisp-client";
    root.innerHTML =
      '<button type="button" class="chat-launcher" aria-label="Öppna chatten">💬 Chatta med oss</button>' +
      '<div class="chat-panel" role="dialog" aria-label="Chatt med Kompis kundtjänst" hidden>' +
      '<p class="chat-greeting">Hej! Du chattar med Kompis kundtjänst. Vi svarar vardagar 9–17.</p>' +
      '<ul class="chat-menu"><li><button type="button">Skicka chattloggen till min e-post</button></li>' +
      '<li><button type="button">Ladda ner konversationen</button></li></ul>' +
      '<label>Meddelande <textarea rows="3"></textarea></label></div>';
    document.body.appendChild(root);
    var launcher = root.querySelector(".chat-launcher");
    var panel = root.querySelector(".chat-panel");
    launcher.addEventListener("click", function () { panel.hidden = !panel.hidden; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build); else build();
})();
