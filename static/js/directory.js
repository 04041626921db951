// Suggestions while typing in the directory search box: a WAI-ARIA 1.2 combobox with a listbox
// popup (arrow keys move, Enter chooses and searches, Escape closes). Without it the field is a
// plain search field and the page works the same.
(function () {
  var input = document.getElementById("directory-q");
  var list = document.getElementById("directory-suggestions");
  var status = document.getElementById("directory-suggestions-status");
  if (!input || !list || !status || !window.fetch) return;
  var form = input.form;
  var MIN_LENGTH = 2;
  var DELAY = 250;
  var answers = {};
  var timer = null;
  var pending = null;
  var items = [];
  var active = -1;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function optionId(index) {
    return list.id + "-" + index;
  }

  function announce(count) {
    var text = count === 1 ? status.dataset.one : status.dataset.other.replace("{count}", count);
    status.textContent = count ? text : "";
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.children;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    options[index].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", optionId(index));
    options[index].scrollIntoView({ block: "nearest" });
  }

  function show(results) {
    items = results;
    list.replaceChildren();
    active = -1;
    results.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = optionId(index);
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "directory__suggestion";
      var value = document.createElement("span");
      value.textContent = item.value;
      var comma = document.createElement("span");
      comma.className = "sr-only";
      comma.textContent = ", ";
      var kind = document.createElement("span");
      kind.className = "directory__suggestion-kind";
      kind.textContent = item.kind_label;
      option.append(value, comma, kind);
      list.appendChild(option);
    });
    if (!results.length) {
      close();
    } else {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    announce(results.length);
  }

  function choose(index) {
    input.value = items[index].value;
    close();
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  function load(text) {
    if (answers[text]) {
      show(answers[text]);
      return;
    }
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        answers[text] = data.results;
        if (input.value.trim().toLowerCase() === text && document.activeElement === input) {
          show(data.results);
        }
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim().toLowerCase();
    if (text.length < MIN_LENGTH) {
      items = [];
      close();
      announce(0);
      return;
    }
    timer = setTimeout(function () {
      load(text);
    }, DELAY);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length > 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      if (!open) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active < 0 ? (step > 0 ? 0 : items.length - 1) : (active + step + items.length) % items.length;
      highlight(next);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
      }
    } else if (event.key === "Tab") {
      close();
    }
  });

  list.addEventListener("mousedown", function (event) {
    event.preventDefault(); // keep the focus in the field
  });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) choose(Array.prototype.indexOf.call(list.children, option));
  });
  input.addEventListener("blur", close);
})();
