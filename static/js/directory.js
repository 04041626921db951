// Suggests supplier names in the directory search box; the page works fully without it.
(function () {
  var input = document.getElementById("directory-q");
  var list = document.getElementById("directory-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.name;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
