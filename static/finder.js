// Centre finder: turns the filter links on the reporting centres page into drop-down lists that narrow the
// list at once, without loading another page. Without this script the links lead to a page per filter,
// so nothing here is needed to find a centre. All words come from the page, so translations apply.
(function () {
  "use strict";
  var finder = document.querySelector("[data-finder-live]");
  if (!finder || !finder.querySelector("[data-finder-facet]")) {
    return;
  }
  var cards = Array.prototype.slice.call(finder.querySelectorAll("[data-finder-item]"));
  var status = finder.querySelector("[data-finder-status]");
  var filters = finder.querySelector(".app-finder__filters");
  var form = document.createElement("form");
  form.className = "app-finder__form";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", finder.getAttribute("data-form-label"));
  var selects = [];

  Array.prototype.forEach.call(finder.querySelectorAll("[data-finder-facet]"), function (facet) {
    var name = facet.getAttribute("data-finder-facet");
    var field = document.createElement("div");
    field.className = "app-finder__field";
    var label = document.createElement("label");
    label.htmlFor = "app-finder-" + name;
    label.textContent = facet.querySelector(".app-finder__facet-title").textContent;
    var select = document.createElement("select");
    select.id = "app-finder-" + name;
    select.name = name;
    select.appendChild(new Option(finder.getAttribute("data-any"), ""));
    Array.prototype.forEach.call(facet.querySelectorAll("a[data-value]"), function (link) {
      select.appendChild(new Option(link.textContent.trim(), link.getAttribute("data-value")));
    });
    field.appendChild(label);
    field.appendChild(select);
    form.appendChild(field);
    selects.push(select);
  });

  function matches(card) {
    return selects.every(function (select) {
      var values = (card.getAttribute("data-" + select.name) || "").split(" ");
      return !select.value || values.indexOf(select.value) !== -1;
    });
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var show = matches(card);
      card.hidden = !show;
      shown += show ? 1 : 0;
    });
    // each plural category of the page's language has its sentence (Polish and Romanian have three)
    var category = window.Intl && Intl.PluralRules ?
      new Intl.PluralRules(document.documentElement.lang).select(shown) : (shown === 1 ? "one" : "other");
    var words = finder.getAttribute("data-count-" + category) || finder.getAttribute("data-count-other");
    status.textContent = words.replace("{n}", String(shown));
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  filters.hidden = true;
  filters.parentNode.insertBefore(form, filters);
})();
