// Exit this page: leave quickly, without leaving this page in the back button history.
// The button works as a plain link without JavaScript; this adds location.replace and the Shift x3 shortcut.
// Words come from data attributes written by the template, so they are translated with the rest of the page.
(function () {
  "use strict";
  var button = document.getElementById("app-exit-button");
  if (!button) { return; }
  var box = button.parentNode;
  var destination = button.getAttribute("href");
  var presses = 0;
  var timer = null;
  // Shift held with another key (Shift+Tab, a capital letter) is not a press of Shift on its own.
  var otherKey = false;
  var status = document.createElement("span");
  status.className = "app-visually-hidden";
  status.setAttribute("role", "status");
  box.appendChild(status);
  // The shortcut only works with this script, so it is only offered when the script runs.
  var shortcut = box.querySelector(".app-exit__shortcut");
  if (shortcut) { shortcut.hidden = false; }

  function say(name, count) {
    status.textContent = (box.getAttribute("data-text-" + name) || "").replace("{count}", String(count));
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("app-exiting");
    document.title = box.getAttribute("data-text-loading") || document.title;
    window.location.replace(destination);
  }

  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") { otherKey = false; return; }
    otherKey = true;
    presses = 0;
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || otherKey) { return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { presses = 0; say("exiting", 3); leave(); return; }
    say(presses === 1 ? "pressed-once" : "pressed", presses);
    // five seconds from the latest press, as in the GOV.UK pattern
    timer = setTimeout(function () { presses = 0; say("expired", 0); }, 5000);
  });
}());
