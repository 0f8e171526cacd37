// One name picker for the hub: a combobox (ARIA Authoring Practices, list autocomplete) that
// fetches up to ten names as the person types, for the question mention picker and the
// library's partnership filter. Each caller says where to ask, what the answer holds and
// what choosing does; the keyboard, the list and the status messages live here once.
window.hubNamePicker = function (options) {
  var input = options.input, list = options.list, status = options.status;
  var found = [], active = -1, timer = null, asked = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function highlight(index) {
    var rows = list.querySelectorAll("[role=option]");
    rows.forEach(function (row, n) { row.setAttribute("aria-selected", n === index ? "true" : "false"); });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", rows[index].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function show(names) {
    found = names;
    list.textContent = "";
    names.forEach(function (item, n) {
      var row = document.createElement("li");
      row.id = list.id + "_" + n;
      row.setAttribute("role", "option");
      row.setAttribute("aria-selected", "false");
      row.textContent = item.name;
      row.addEventListener("mousedown", function (event) { event.preventDefault(); choose(n); });
      list.appendChild(row);
    });
    var open = names.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    active = -1;
    status.textContent = open
      ? names.length + (names.length === 1 ? options.oneFound : options.manyFound) + ". Use the arrow keys to choose."
      : options.noneFound;
  }
  function ask() {
    var typed = input.value.trim();
    if (typed.length < 2) { close(); status.textContent = ""; return; }
    if (typed === asked) return;
    asked = typed;
    fetch(options.url + "?q=" + encodeURIComponent(typed), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { if (asked === typed) show(data[options.key] || []); })
      .catch(function () { status.textContent = options.failed; });
  }
  function choose(index) {
    var item = found[index];
    if (!item) return;
    asked = options.choose(item) || "";
    close();
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    var count = found.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden && count) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      if (count) highlight((active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (count) highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) { event.preventDefault(); choose(active); }
      else if (options.enterChoosesOnly && !list.hidden && count === 1) { event.preventDefault(); choose(0); }
      else if (options.enterNeverSubmits) event.preventDefault();
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); }
      else if (options.escapeClears) input.value = "";
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
};
