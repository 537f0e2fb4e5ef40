/* The place form's "Zoek de plek bij dit adres": asks the portal (never PDOK directly, so the
 * Content Security Policy stays connect-src 'self') for the coordinates of the address typed in
 * the form, lets the partner choose one of the results and fills latitude and longitude.
 *
 * Progressive enhancement: the latitude input carries data-address-search (the endpoint's URL)
 * and the texts; without JavaScript there is no button and the fields are typed by hand. */
(function () {
  "use strict";

  var latitude = document.querySelector("input[data-address-search]");
  if (!latitude || !window.fetch || !latitude.form) {
    return;
  }
  var form = latitude.form;
  var longitude = form.elements.namedItem("longitude");
  var texts = latitude.dataset;

  var box = document.createElement("div");
  box.className = "address-search";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "utrecht-button utrecht-button--secondary-action";
  button.textContent = texts.buttonText;
  var status = document.createElement("p");
  status.className = "utrecht-paragraph address-search__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  var results = document.createElement("ul");
  results.className = "utrecht-unordered-list address-search__results";
  results.hidden = true;
  box.appendChild(button);
  box.appendChild(status);
  box.appendChild(results);
  // Under the longitude field: the two coordinates are filled together.
  var anchor = document.getElementById("div_" + longitude.id) || longitude;
  anchor.parentNode.insertBefore(box, anchor.nextSibling);

  function value(name) {
    var field = form.elements.namedItem(name);
    return field && field.value ? field.value.trim() : "";
  }

  function say(text) {
    status.textContent = text;
  }

  function choose(result) {
    latitude.value = result.latitude;
    longitude.value = result.longitude;
    results.hidden = true;
    results.replaceChildren();
    say(texts.chosenText.replace("%(address)s", result.label));
    latitude.focus();
  }

  // Built from DOM nodes, never from HTML strings: the labels come from outside.
  function show(list) {
    results.replaceChildren();
    list.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "utrecht-unordered-list__item";
      var pick = document.createElement("button");
      pick.type = "button";
      pick.className = "utrecht-button utrecht-button--subtle address-search__pick";
      pick.textContent = result.label;
      pick.addEventListener("click", function () {
        choose(result);
      });
      item.appendChild(pick);
      results.appendChild(item);
    });
    results.hidden = list.length === 0;
  }

  button.addEventListener("click", function () {
    var address = [value("street") + " " + value("house_number"), value("postcode"),
                   value("city")].map(function (part) { return part.trim(); })
                  .filter(Boolean).join(", ");
    show([]);
    say(texts.busyText);
    button.disabled = true;
    fetch(texts.addressSearch + "?" + new URLSearchParams({q: address}), {
      credentials: "same-origin",
      headers: {Accept: "application/json"}
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    }).then(function (answer) {
      show(answer.results);
      say(answer.results.length ? texts.chooseText : answer.message);
    }).catch(function () {
      say(texts.failedText);
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
