/* Demo chat bot written for auditor's test shops: it mimics how bot widgets load (an options
   object, a wrapper element, a launcher) without any vendor's code. It can hand over to a
   person, and offers no transcript. Nothing is ever sent. */
(function () {
  window.kindlyOptions = { bot: "lampan-demo" };
  var root = document.createElement("div");
  root.id = "kindly-chat";
  root.innerHTML =
    '<button type="button" class="bot-launcher" aria-label="Fråga vår chattbot">Fråga oss</button>' +
    '<div class="bot-panel" hidden><p>Hej! Jag är Lampans chattbot och svarar direkt.</p>' +
    '<p><button type="button">Prata med en medarbetare</button></p></div>';
  document.body.appendChild(root);
  root.querySelector(".bot-launcher").addEventListener("click", function () {
    root.querySelector(".bot-panel").hidden = false;
  });
})();
