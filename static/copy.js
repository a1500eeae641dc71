// Copy buttons on the campaign page: each [data-copy-target] gets a button that copies the text of the element
// it names. Without this script there is no button and the text is there to select and copy as usual.
(function () {
  "use strict";
  var places = document.querySelectorAll("[data-copy-target]");
  if (!places.length) {
    return;
  }

  function copyBySelection(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    return done;
  }

  Array.prototype.forEach.call(places, function (place) {
    var source = document.getElementById(place.getAttribute("data-copy-target"));
    if (!source) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "app-button app-button--secondary app-copy__button";
    button.textContent = place.getAttribute("data-copy-text");
    var status = document.createElement("span");
    status.className = "app-copy__status";
    status.setAttribute("role", "status");
    place.appendChild(button);
    place.appendChild(status);
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      function confirm() {
        status.textContent = place.getAttribute("data-copy-done");
      }
      function fallback() {
        if (copyBySelection(source)) {
          confirm();
        }
      }
      status.textContent = "";
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(confirm, fallback);
      } else {
        fallback();
      }
    });
  });
  var hint = document.querySelector(".app-copy-hint");
  if (hint) {
    hint.hidden = true;
  }
}());
