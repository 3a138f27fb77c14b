/*
 * R2P Tracker embed: tells the page that frames this scorecard how tall the scorecard is, so that
 * page can make its iframe fit (docs/embedding.md has the few lines the host page needs).
 *
 * It posts one message to the parent window when the card is laid out and again whenever its
 * height changes (fonts loaded, frame resized):
 *     {type: "r2p-tracker:embed-height", height: <CSS pixels>}
 * It reads nothing from the host page and changes nothing in it.
 */
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var root = document.documentElement;
  var lastHeight = 0;

  function postHeight() {
    // The root element's own box: as tall as the content, however tall the frame is.
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      window.parent.postMessage({ type: "r2p-tracker:embed-height", height: height }, "*");
    }
  }

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(postHeight).observe(root);
  }
  window.addEventListener("load", postHeight);
  postHeight();
})();
