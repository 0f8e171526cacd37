// Mention picker: the hub's name picker (hub/static/js/name_picker.js) writes @[Name](id) at
// the caret of the answer box.
(function () {
  document.querySelectorAll(".mention-picker").forEach(function (picker) {
    var target = document.getElementById(picker.dataset.mentionTarget);
    var input = picker.querySelector("[role=combobox]");
    var list = picker.querySelector("[role=listbox]");
    var status = picker.querySelector("[role=status]");
    if (!target || !input || !list || !window.fetch || !window.hubNamePicker) return;
    picker.hidden = false;
    window.hubNamePicker({
      input: input, list: list, status: status,
      url: picker.dataset.peopleUrl, key: "people",
      oneFound: " name found", manyFound: " names found",
      noneFound: "No member found with that name.",
      failed: "Names could not be fetched. Type @[Name](number) instead.",
      enterChoosesOnly: true, enterNeverSubmits: true, escapeClears: true,
      choose: function (person) {
        var token = "@[" + person.name.replace(/[\[\]]/g, "") + "](" + person.id + ") ";
        var start = target.selectionStart || target.value.length;
        target.value = target.value.slice(0, start) + token + target.value.slice(start);
        input.value = "";
        status.textContent = person.name + " will be mentioned.";
        target.focus();
        target.selectionStart = target.selectionEnd = start + token.length;
        return "";
      }
    });
  });
})();
