// Mention picker: a combobox (ARIA Authoring Practices, list autocomplete) that fetches up to
// ten names as the person types and writes @[Name](id) at the caret of the answer box.
(function () {
  document.querySelectorAll(".mention-picker").forEach(function (picker) {
    var target = document.getElementById(picker.dataset.mentionTarget);
    var input = picker.querySelector("[role=combobox]");
    var list = picker.querySelector("[role=listbox]");
    var status = picker.querySelector("[role=status]");
    if (!target || !input || !list || !window.fetch) return;
    picker.hidden = false;
    var people = [], active = -1, timer = null, asked = "";

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
      people = found;
      list.textContent = "";
      found.forEach(function (person, n) {
        var option = document.createElement("li");
        option.id = list.id + "_" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = person.name;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(n); });
        list.appendChild(option);
      });
      var open = found.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      active = -1;
      status.textContent = open
        ? found.length + (found.length === 1 ? " name found" : " names found") + ". Use the arrow keys to choose."
        : "No member found with that name.";
    }
    function ask() {
      var typed = input.value.trim();
      if (typed.length < 2) { close(); status.textContent = ""; return; }
      if (typed === asked) return;
      asked = typed;
      fetch(picker.dataset.peopleUrl + "?q=" + encodeURIComponent(typed), {
        headers: { Accept: "application/json" }, credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (data) { if (asked === typed) show(data.people || []); })
        .catch(function () { status.textContent = "Names could not be fetched. Type @[Name](number) instead."; });
    }
    function choose(index) {
      var person = people[index];
      if (!person) return;
      var token = "@[" + person.name.replace(/[\[\]]/g, "") + "](" + person.id + ") ";
      var start = target.selectionStart || target.value.length;
      target.value = target.value.slice(0, start) + token + target.value.slice(start);
      input.value = "";
      asked = "";
      close();
      status.textContent = person.name + " will be mentioned.";
      target.focus();
      target.selectionStart = target.selectionEnd = start + token.length;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      var count = people.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden && count) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (count) highlight((active + 1) % count);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (count) highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) { event.preventDefault(); choose(active); }
        else if (!list.hidden && count === 1) { event.preventDefault(); choose(0); }
        else event.preventDefault();  // never submit the answer from the picker
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
        else input.value = "";
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
