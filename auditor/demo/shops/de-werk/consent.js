/* Demo consent banner written for auditor's test shops: a fixed bar, as consent managers show.
   "Nur notwendige" closes it without consenting; the auditor must never press "Alle akzeptieren". */
(function () {
  if (document.cookie.indexOf("werk_consent=") !== -1) return;
  var bar = document.createElement("div");
  bar.setAttribute("role", "dialog");
  bar.setAttribute("aria-label", "Cookie-Einstellungen");
  bar.style.cssText = "position:fixed;left:0;right:0;bottom:0;padding:16px;background:#222;color:#fff;z-index:99";
  bar.innerHTML = '<p>Wir verwenden Cookies, um unseren Shop zu verbessern. Ihre Einwilligung ist freiwillig.</p>' +
    '<button type="button" data-choice="all">Alle akzeptieren</button> ' +
    '<button type="button" data-choice="necessary">Nur notwendige</button>';
  bar.addEventListener("click", function (event) {
    var choice = event.target.getAttribute && event.target.getAttribute("data-choice");
    if (!choice) return;
    document.cookie = "werk_consent=" + choice + "; path=/";
    bar.remove();
  });
  document.body.appendChild(bar);
})();
