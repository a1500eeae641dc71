/* Search, for the search page only: Pagefind's own JavaScript API with a small, plain results list.
   Without JavaScript (or if the index cannot load) the form stays hidden and the A to Z below it is the way in. */
(function () {
  "use strict";
  var form = document.querySelector("[data-module='app-search']");
  if (!form || !window.WebAssembly) { return; }
  var input = form.querySelector("input[type='search']");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pagefind = null;
  var latest = 0;

  function text(html) {
    // an excerpt is HTML with <mark> around the words found: only its text is shown, nothing is parsed as markup
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  function say(template, count, query) {
    return template.replace("{count}", String(count)).replace("{query}", query);
  }

  function show(query, results) {
    list.replaceChildren();
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "app-search__result";
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.textContent = text(data.excerpt || "");
      item.append(link, excerpt);
      list.append(item);
    });
    // one message for any number: plural rules differ by language, and this script cannot know them
    status.textContent = say(results.length ? form.dataset.textFound : form.dataset.textNone, results.length, query);
  }

  var timer = null;

  async function run(event) {
    if (event) { event.preventDefault(); }
    // one search at a time: a submit replaces a search waiting for typing to stop, and a newer search's results
    // replace an older one's, so a result never shows under another query's words
    clearTimeout(timer);
    var query = input.value.trim();
    var mine = ++latest;
    list.replaceChildren();
    status.textContent = "";
    if (!query) { return; }
    var found = await pagefind.search(query);
    var results = await Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    if (mine === latest) { show(query, results); }
  }

  import(form.dataset.pagefind).then(async function (module) {
    pagefind = module;
    await pagefind.options({ excerptLength: 20 });
    await pagefind.init();
    form.hidden = false;
    form.addEventListener("submit", run);
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(); }
  }).catch(function () { /* no index: the A to Z is still there */ });
})();
