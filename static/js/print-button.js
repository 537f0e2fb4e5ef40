// Shows the "Afdrukken" button on the printable programme page and makes it print.
// Without JavaScript the page shows a hint to use the browser's own print button instead.
(function () {
  "use strict";
  var button = document.querySelector("[data-print-button]");
  if (!button || typeof window.print !== "function") {
    return;
  }
  button.hidden = false;
  var hint = document.querySelector("[data-print-hint]");
  if (hint) {
    hint.hidden = true;
  }
  button.addEventListener("click", function () {
    window.print();
  });
})();
