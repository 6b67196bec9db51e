/* Demo chat widget written for auditor's test shops. It mimics how hosted chat widgets load:
   a small iframe in the corner holding the launcher, which grows into the chat window on click.
   It offers no transcript and says nothing about keeping the conversation. Nothing is sent. */
(function () {
  window.tidioChatApi = window.tidioChatApi || { on: function () {} };
  function build() {
    var holder = document.createElement("div");
    holder.id = "tidio-chat";
    var frame = document.createElement("iframe");
    frame.id = "tidio-chat-iframe";
    frame.title = "Chat";
    frame.style.cssText = "position:fixed;right:16px;bottom:16px;width:96px;height:64px;border:0;z-index:50";
    frame.srcdoc =
      '<!doctype html><html lang="da"><body style="margin:0;font-family:sans-serif">' +
      '<button id="open" type="button" aria-label="Chat med os" style="width:96px;height:64px">Chat</button>' +
      '<div id="win" hidden><p>Hej! Skriv din besked, så vender vi tilbage.</p>' +
      '<textarea rows="3" aria-label="Besked"></textarea></div>' +
      '<script>document.getElementById("open").onclick=function(){' +
      'document.getElementById("win").hidden=false;parent.postMessage("dybde-chat-open","*");};<\/script>' +
      '</body></html>';
    holder.appendChild(frame);
    document.body.appendChild(holder);
    window.addEventListener("message", function (event) {
      if (event.data === "dybde-chat-open") { frame.style.width = "320px"; frame.style.height = "260px"; }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build); else build();
})();
