/* The partner page form in sections (templates/partner/page_form.html): every group of fields
 * and every list of rows is a <details>, open as the server sends it. This script:
 * - opens a closed section before a link leads into it (the error summary, "Op deze pagina",
 *   the browser's back button) and puts the focus on the field or on the section's summary;
 * - on a phone (at most 40em wide), on the first visit of an unchanged form without errors,
 *   closes every section but the first, numbers them ("Stap 2 van 4") and ends each with a
 *   "Volgende onderdeel" button that opens the next one.
 * Closing a section hides its fields but keeps them in the form: what was typed is sent.
 * Progressive enhancement: without JavaScript every section stays open and the links are
 * plain links. No animation: scrolling and opening are instant. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-sections]");
  if (!form || !window.matchMedia || !form.closest) {
    return;
  }
  var sections = Array.prototype.slice.call(form.querySelectorAll("details.partner-section"));
  var texts = form.dataset;
  var phone = window.matchMedia("(max-width: 40em)");

  function reveal(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
      }
    }
  }

  // What takes the focus for a link to `element`: a section's summary, the field itself, or
  // the first option of a group of radio buttons or checkboxes (whose fieldset has the id).
  function focusable(element) {
    if (element.tagName === "DETAILS") {
      return element.querySelector("summary");
    }
    if (element.matches("input, select, textarea, button, summary")) {
      return element;
    }
    return element.querySelector("input:not([type=hidden]), select, textarea");
  }

  function go(element) {
    reveal(element);
    var focus = focusable(element);
    // The label or legend above a field stays in sight.
    var shown = element.closest(".utrecht-form-field, .portal-form-group, details") || element;
    shown.scrollIntoView({ block: "start" });
    if (focus) {
      focus.focus({ preventScroll: true });
    }
  }

  function targetOf(hash) {
    if (!hash || hash.charAt(0) !== "#") {
      return null;
    }
    var element;
    try {
      element = document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (error) {
      return null;
    }
    return element && form.contains(element) ? element : null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    var target = link && targetOf(link.getAttribute("href"));
    if (target) {
      event.preventDefault();
      go(target);
    }
  });
  window.addEventListener("hashchange", function () {
    var target = targetOf(location.hash);
    if (target) {
      go(target);
    }
  });
  var arrived = targetOf(location.hash);  // e.g. the new row after "Nog een rij toevoegen"
  if (arrived) {
    reveal(arrived);
  }

  function title(section) {
    return section.querySelector(".partner-section__title").textContent.trim();
  }

  function invalid(section) {
    return section.classList.contains("partner-section--invalid");
  }

  function steps() {
    var firstVisit = form.hasAttribute("data-first-visit") && !arrived &&
      !form.querySelector(".partner-section--invalid");
    sections.forEach(function (section, index) {
      var summary = section.querySelector("summary");
      var step = document.createElement("span");
      step.className = "partner-section__step";
      step.textContent = texts.stepText.replace("%(number)s", index + 1)
        .replace("%(total)s", sections.length);
      summary.insertBefore(step, summary.firstChild);
      if (firstVisit && index > 0) {
        section.open = false;
      }
      var next = sections[index + 1];
      if (!next) {
        return;
      }
      var paragraph = document.createElement("p");
      paragraph.className = "utrecht-paragraph partner-section__next";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "utrecht-button utrecht-button--secondary-action";
      button.textContent = texts.nextText + ": " + title(next);
      button.addEventListener("click", function () {
        if (!invalid(section)) {
          section.open = false;
        }
        go(next);
      });
      paragraph.appendChild(button);
      section.querySelector(".partner-section__body").appendChild(paragraph);
    });
  }

  // Steps only where the form has the "Op deze pagina" list (more than two sections).
  if (phone.matches && document.querySelector(".partner-sections")) {
    steps();
  }
  // Turned or widened to a desktop's width: everything open, as without the script.
  var widened = function (event) {
    if (!event.matches) {
      sections.forEach(function (section) { section.open = true; });
    }
  };
  if (phone.addEventListener) {
    phone.addEventListener("change", widened);
  }
})();
