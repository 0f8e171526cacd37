// The library's partnership filter: the hub's name picker (hub/static/js/name_picker.js)
// fetches partnerships' names as the person types, instead of the page listing every
// partnership. Choosing one writes its name into the field; the form matches the name (and
// without JavaScript the person types it and the form matches it just the same).
(function () {
  document.querySelectorAll(".partnership-picker").forEach(function (picker) {
    var input = picker.querySelector("input[type=text]");
    if (!input || !window.fetch || !window.hubNamePicker) return;
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
    window.hubNamePicker({
      input: input, list: list, status: status,
      url: picker.dataset.namesUrl, key: "partnerships",
      oneFound: " partnership found", manyFound: " partnerships found",
      noneFound: "No partnership found with that name.",
      failed: "Names could not be fetched: type the partnership's name.",
      choose: function (partnership) {
        input.value = partnership.name;
        status.textContent = partnership.name + " chosen.";
        return partnership.name;  // typing nothing new asks nothing again
      }
    });
  });
})();
