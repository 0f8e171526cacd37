/* The hub's few lines of JavaScript. Every page works without it; this makes two things nicer.
   Loaded from 'self' with defer: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  // On an error, start at the summary: screen readers read it and keyboards are near the links.
  // (Also summaries written by hand in an app's template, before they use the include.)
  var summary = document.querySelector("[data-error-summary], .error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }

  // On a phone the header is one row: the links fold away behind a Menu button.
  var button = document.querySelector(".menu-button");
  var menu = document.getElementById("site-menu");
  if (button && menu) {
    document.documentElement.classList.add("js-menu");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-menu--open", open);
    });
  }

  // Tables that scroll sideways can be reached and scrolled with the keyboard.
  document.querySelectorAll(".table-wrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
    }
  });
})();
