// The library's partnership filter: a combobox (ARIA Authoring Practices, list autocomplete)
// that fetches up to ten partnerships' names as the person types, instead of the page listing
// every partnership. Choosing one writes its name into the field; the form matches the name
// (and without JavaScript the person types it and the form matches it just the same).
(function () {
  document.querySelectorAll(".partnership-picker").forEach(function (picker) {
    var input = picker.querySelector("input[type=text]");
    if (!input || !window.fetch) return;
    var list = document.createElement("ul");
    list.id = input.id + "_names";
    list.className = "combobox__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Partnerships");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var box = document.createElement("div");
    box.className = "combobox";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    box.appendChild(list);
    picker.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var names = [], active = -1, timer = null, asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, n) { option.setAttribute("aria-selected", n === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function show(found) {
      names = found;
      list.textContent = "";
      found.forEach(function (partnership, n) {
        var option = document.createElement("li");
        option.id = list.id + "_" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = partnership.name;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(n); });
        list.appendChild(option);
      });
      var open = found.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      active = -1;
      status.textContent = open
        ? found.length + (found.length === 1 ? " partnership found" : " partnerships found") + ". Use the arrow keys to choose."
        : "No partnership found with that name.";
    }
    function ask() {
      var typed = input.value.trim();
      if (typed.length < 2) { close(); status.textContent = ""; return; }
      if (typed === asked) return;
      asked = typed;
      fetch(picker.dataset.namesUrl + "?q=" + encodeURIComponent(typed), {
        headers: { Accept: "application/json" }, credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { partnerships: [] }; })
        .then(function (data) { if (asked === typed) show(data.partnerships || []); })
        .catch(function () { status.textContent = "Names could not be fetched: type the partnership's name."; });
    }
    function choose(index) {
      var partnership = names[index];
      if (!partnership) return;
      input.value = partnership.name;
      asked = partnership.name;
      close();
      status.textContent = partnership.name + " chosen.";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      var count = names.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden && count) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (count) highlight((active + 1) % count);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (count) highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();  // choose the name; a second Enter searches
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
