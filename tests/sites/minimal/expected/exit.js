// Exit this page: leave quickly, without leaving this page in the back button history.
// The button works as a plain link without JavaScript; this adds location.replace and the Shift x3 shortcut.
(function () {
  "use strict";
  var button = document.getElementById("app-exit-button");
  if (!button) { return; }
  var destination = button.getAttribute("href");
  var presses = 0;
  var timer = null;
  var status = document.createElement("span");
  status.className = "app-visually-hidden";
  status.setAttribute("role", "status");
  button.parentNode.appendChild(status);

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("app-exiting");
    document.title = "Loading";
    window.location.replace(destination);
  }

  button.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { presses = 0; status.textContent = "Exiting this page"; leave(); return; }
    status.textContent = "Shift pressed " + presses + (presses === 1 ? " time" : " times");
    // the window restarts on each press, as in the GOV.UK pattern
    timer = setTimeout(function () { presses = 0; status.textContent = "Exit this page expired"; }, 5000);
  });
}());
