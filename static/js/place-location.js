/* The place form's coordinates, found instead of typed:
 * - "Zoek de plek bij dit adres" asks the portal (never PDOK directly, so the Content Security
 *   Policy stays connect-src 'self') for the coordinates of the address in the form; the
 *   partner chooses a result and latitude and longitude are filled;
 * - a map under the fields: a click sets the coordinates, the marker shows what they are.
 *
 * Progressive enhancement: the latitude input carries the texts and data-address-search (the
 * endpoint's URL, absent when the search is off), the longitude input the map's settings.
 * Without JavaScript nothing is added and the fields are typed by hand. */
(function () {
  "use strict";

  var latitude = document.querySelector("input[name=latitude][data-chosen-text]");
  if (!latitude || !latitude.form || !document.createElement("div").replaceChildren) {
    return;
  }
  var form = latitude.form;
  var longitude = form.elements.namedItem("longitude");
  var texts = latitude.dataset;

  var box = document.createElement("div");
  box.className = "place-location";
  // One live region for the search's and the map's messages.
  var status = document.createElement("p");
  status.className = "utrecht-paragraph place-location__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  box.appendChild(status);
  // Under the longitude field: the two coordinates are filled together.
  var anchor = document.getElementById("div_" + longitude.id) || longitude;
  anchor.parentNode.insertBefore(box, anchor.nextSibling);

  var listeners = [];

  function say(text) {
    status.textContent = text;
  }

  function setCoordinates(lat, lng) {
    latitude.value = lat;
    longitude.value = lng;
    listeners.forEach(function (listener) { listener(); });
  }

  function currentLatLng() {
    // Partners may type a comma as the decimal sign.
    var lat = parseFloat(latitude.value.replace(",", "."));
    var lng = parseFloat(longitude.value.replace(",", "."));
    return isFinite(lat) && isFinite(lng) ? [lat, lng] : null;
  }

  function addressSearch() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action";
    button.textContent = texts.buttonText;
    var results = document.createElement("ul");
    results.className = "utrecht-unordered-list place-location__results";
    results.hidden = true;
    box.insertBefore(results, status.nextSibling);
    box.insertBefore(button, status);

    function value(name) {
      var field = form.elements.namedItem(name);
      return field && field.value ? field.value.trim() : "";
    }

    function show(list) {
      results.replaceChildren();
      // Built from DOM nodes, never from HTML strings: the labels come from outside.
      list.forEach(function (result) {
        var item = document.createElement("li");
        item.className = "utrecht-unordered-list__item";
        var pick = document.createElement("button");
        pick.type = "button";
        pick.className = "utrecht-button utrecht-button--subtle place-location__pick";
        pick.textContent = result.label;
        pick.addEventListener("click", function () {
          show([]);
          setCoordinates(result.latitude, result.longitude);
          say(texts.chosenText.replace("%(address)s", result.label));
          latitude.focus();
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
      fetch(texts.addressSearch + "?" + new URLSearchParams({ q: address }), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
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
  }

  function locationMap() {
    var settings = longitude.dataset;
    var hint = document.createElement("p");
    hint.className = "utrecht-paragraph place-location__hint";
    hint.textContent = settings.hint;
    box.appendChild(hint);
    var element = document.createElement("div");
    element.className = "place-map place-map--small place-map--ready place-location__map";
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", settings.label);
    box.appendChild(element);
    var map = L.map(element, {
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      tap: false,
      keyboard: true
    });
    L.tileLayer(settings.locationMap, {
      maxZoom: 19,
      minZoom: 7,
      attribution: settings.attribution
    }).addTo(map);
    var marker = L.marker([0, 0], {
      icon: L.icon({
        iconUrl: settings.markerIcon,
        iconRetinaUrl: settings.markerIcon2x,
        shadowUrl: settings.markerShadow,
        iconSize: [25, 41],
        iconAnchor: [12, 41],
        shadowSize: [41, 41]
      }),
      keyboard: false,
      interactive: false
    });

    // The marker shows the coordinates in the fields; the map moves to them unless they came
    // from a click on it (the partner's view stays where it was).
    function follow() {
      var latLng = currentLatLng();
      if (!latLng) {
        marker.remove();
        return;
      }
      marker.setLatLng(latLng).addTo(map);
      if (!clicked) {
        // Without Leaflet's pan animation: it could be cut short (the map then stopped beside
        // the marker), and a jump suits people who ask their device for less motion as well.
        map.setView(latLng, Math.max(map.getZoom() || 0, 16), { animate: false });
      }
    }
    var clicked = false;

    // Den Haag Zuidwest until the fields say where the place is.
    map.setView([52.045, 4.265], 14);
    follow();
    listeners.push(follow);
    latitude.addEventListener("change", follow);
    longitude.addEventListener("change", follow);
    // In a section of the form that was closed (partner-sections.js): Leaflet measures the
    // map again when it is shown.
    var section = element.closest && element.closest("details");
    if (section) {
      section.addEventListener("toggle", function () {
        if (section.open) {
          map.invalidateSize();
          follow();
        }
      });
    }
    map.on("click", function (event) {
      clicked = true;
      setCoordinates(event.latlng.lat.toFixed(6), event.latlng.lng.toFixed(6));
      clicked = false;
      say(texts.mapChosenText);
    });
  }

  if (texts.addressSearch && window.fetch) {
    addressSearch();
  }
  if (window.L && longitude.dataset.locationMap) {
    locationMap();
  }
})();
