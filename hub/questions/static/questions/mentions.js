// Mention picker: turns "Name (#12)" into @[Name](12) at the caret of the answer box.
(function () {
  document.querySelectorAll(".mention-picker").forEach(function (picker) {
    var target = document.getElementById(picker.dataset.mentionTarget);
    var input = picker.querySelector("input");
    var button = picker.querySelector(".mention-picker__add");
    if (!target || !input || !button) return;
    picker.hidden = false;
    function add() {
      var match = /^(.*) \(#(\d+)\)$/.exec(input.value.trim());
      if (!match) { input.focus(); return; }
      var token = "@[" + match[1].replace(/[\[\]]/g, "") + "](" + match[2] + ") ";
      var start = target.selectionStart || target.value.length;
      target.value = target.value.slice(0, start) + token + target.value.slice(start);
      input.value = "";
      target.focus();
      target.selectionStart = target.selectionEnd = start + token.length;
    }
    button.addEventListener("click", add);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); add(); }
    });
  });
})();
