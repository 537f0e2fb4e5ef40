/* Maps of places, drawn with Leaflet over the PDOK BRT-Achtergrondkaart.
 *
 * Progressive enhancement: every page with a map also lists the places (or the address) as
 * text, so without JavaScript nothing is lost. Each element with data-place-map becomes a map:
 * - data-geojson-url: markers from a GeoJSON FeatureCollection (the map page), or
 * - data-latitude, data-longitude, data-name: one marker (a place page).
 * Markers are focusable with Tab and open their popup with Enter. The map does not zoom on the
 * scroll wheel and, on phones, does not pan with one finger, so the page keeps scrolling. */
(function () {
  "use strict";

  if (!window.L || !document.querySelector) {
    return;
  }

  function icon(element) {
    return L.icon({
      iconUrl: element.dataset.markerIcon,
      iconRetinaUrl: element.dataset.markerIcon2x,
      shadowUrl: element.dataset.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });
  }

  // Built from DOM nodes, never from HTML strings: the names come from the database.
  function popupContent(element, properties) {
    var box = document.createElement("div");
    var name = document.createElement("p");
    var link = document.createElement("a");
    name.className = "place-map__popup-name";
    link.href = properties.url;
    link.textContent = properties.name;
    name.appendChild(link);
    box.appendChild(name);
    [properties.kind, properties.address, properties.status].forEach(function (text) {
      if (text) {
        var line = document.createElement("p");
        line.textContent = text;
        box.appendChild(line);
      }
    });
    if (properties.is_demo && element.dataset.demoText) {
      var demo = document.createElement("p");
      var label = document.createElement("span");
      label.className = "utrecht-status-badge demo-label";
      label.textContent = element.dataset.demoText;
      demo.appendChild(label);
      box.appendChild(demo);
    }
    return box;
  }

  function addMarker(element, layer, latLng, properties) {
    var marker = L.marker(latLng, {
      icon: icon(element),
      title: properties.name,
      alt: properties.name,
      keyboard: true,
      riseOnHover: true
    });
    if (properties.url) {
      marker.bindPopup(popupContent(element, properties));
    }
    marker.addTo(layer);
    return marker;
  }

  function createMap(element) {
    element.classList.add("place-map--ready");
    element.setAttribute("role", "region");
    if (element.dataset.label) {
      element.setAttribute("aria-label", element.dataset.label);
    }
    var map = L.map(element, {
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      tap: false,
      keyboard: true
    });
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      minZoom: 7,
      attribution: element.dataset.attribution
    }).addTo(map);
    // Den Haag Zuidwest, until the markers are known.
    map.setView([52.045, 4.265], 14);
    return map;
  }

  function showPlace(element) {
    var map = createMap(element);
    var latLng = [parseFloat(element.dataset.latitude), parseFloat(element.dataset.longitude)];
    addMarker(element, map, latLng, { name: element.dataset.name });
    map.setView(latLng, 16);
  }

  // The markers' pixel boxes (the icon stands on its point: 25 x 41 pixels).
  function markerBoxes(map, markers) {
    return markers.getLayers().map(function (marker) {
      var point = map.latLngToContainerPoint(marker.getLatLng());
      return { left: point.x - 12, right: point.x + 13, top: point.y - 41, bottom: point.y };
    });
  }

  function zoomButtonsBox(map) {
    var buttons = map.zoomControl.getContainer().getBoundingClientRect();
    var frame = map.getContainer().getBoundingClientRect();
    return {
      left: buttons.left - frame.left, right: buttons.right - frame.left,
      top: buttons.top - frame.top, bottom: buttons.bottom - frame.top
    };
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Show every marker. A marker under the zoom buttons would be a tap target too small to hit
  // (WCAG 2.5.8): then fit again with room beside the buttons.
  function fitMarkers(map, markers) {
    var bounds = markers.getBounds();
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17, animate: false });
    var buttons = zoomButtonsBox(map);
    if (markerBoxes(map, markers).some(function (box) { return overlaps(box, buttons); })) {
      map.fitBounds(bounds, {
        paddingTopLeft: [buttons.right + 16, 24], paddingBottomRight: [24, 24], maxZoom: 17,
        animate: false
      });
    }
  }

  function showPlaces(element) {
    var map = createMap(element);
    var markers = L.featureGroup().addTo(map);
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        collection.features.forEach(function (feature) {
          var coordinates = feature.geometry.coordinates; // [longitude, latitude]
          addMarker(element, markers, [coordinates[1], coordinates[0]], feature.properties);
        });
        if (collection.features.length === 1) {
          map.setView(markers.getBounds().getCenter(), 16);
        } else if (collection.features.length > 1) {
          fitMarkers(map, markers);
        }
      })
      .catch(function () {
        // The list below the map still shows every place.
        map.remove();
        element.classList.remove("place-map--ready");
        element.hidden = true;
      });
  }

  function init() {
    document.querySelectorAll("[data-place-map]").forEach(function (element) {
      if (element.dataset.geojsonUrl) {
        showPlaces(element);
      } else if (element.dataset.latitude) {
        showPlace(element);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
