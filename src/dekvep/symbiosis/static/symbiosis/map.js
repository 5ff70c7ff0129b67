/* The marketplace map: Leaflet over local GeoJSON layers, no tile server, no outside request.
   Listings at one place share one pin (a number says how many); pins are HTML elements, so Tab
   reaches them and Enter opens them. Every text from the data goes in as text, never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("market-map");
  if (!el || !window.L) { return; }
  var d = el.dataset;
  var TURKIYE = [[35.8, 25.6], [42.1, 44.9]];
  var byId = {};

  var map = L.map(el, {
    zoomSnap: 0.25, minZoom: 5, maxZoom: 14, zoomControl: false,
    maxBounds: [[33.5, 22], [44, 48.5]], keyboard: true
  });
  L.control.zoom({ zoomInTitle: d.labelZoomIn || "+", zoomOutTitle: d.labelZoomOut || "-" }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(escapeText(d.attribution || ""));
  map.fitBounds(TURKIYE);
  map.createPane("basemap").style.zIndex = 350;

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });
  function tonnes(value) { return numbers.format(value) + " " + d.labelTonnes; }

  function node(tag, text, attrs) {
    var item = document.createElement(tag);
    if (text) { item.textContent = text; }
    Object.keys(attrs || {}).forEach(function (name) { item.setAttribute(name, attrs[name]); });
    return item;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      });
  }

  function failed() {
    if (document.querySelector(".map-failed")) { return; }
    var note = node("p", d.labelFailed, { role: "alert", "class": "map-failed" });
    el.parentNode.insertBefore(note, el.nextSibling);
  }

  var BASEMAP = {
    land: { fillColor: "#f4f1ea", fillOpacity: 1, stroke: false },
    lake: { fillColor: "#dcebf5", fillOpacity: 1, color: "#9bbcd4", weight: 0.6 },
    coastline: { color: "#7aa6c2", weight: 1 },
    country_border: { color: "#4b5563", weight: 1.6, dashArray: "6 3" },
    province_border: { color: "#a8a29e", weight: 0.8 }
  };

  function drawBasemap(collection) {
    L.geoJSON(collection, {
      pane: "basemap", interactive: false,
      style: function (feature) { return BASEMAP[feature.properties.layer] || {}; }
    }).addTo(map);
  }

  function drawZones(collection) {
    collection.features.forEach(function (feature) {
      var c = feature.geometry.coordinates;
      var icon = L.divIcon({ className: "map-zone", html: "<span></span>", iconSize: [12, 12] });
      var marker = L.marker([c[1], c[0]], { icon: icon, keyboard: false, zIndexOffset: -100 });
      var tip = node("span", feature.properties.name + " — " + d.labelZone);
      marker.bindTooltip(tip, { direction: "top", offset: [0, -6] }).addTo(map);
    });
  }

  function listingPopup(group) {
    var box = node("div", "", { "class": "map-popup" });
    if (group.length > 1) { box.appendChild(node("p", group.length + " " + d.labelListings)); }
    var list = node("ul");
    group.forEach(function (p) {
      var item = node("li");
      var head = node("p");
      head.appendChild(node("strong", p.kind_label + " "));
      head.appendChild(node("a", p.title, { href: p.url }));
      item.appendChild(head);
      var facts = [p.material_name, p.waste_code_label, tonnes(p.tonnes_per_year), p.firm];
      item.appendChild(node("p", facts.filter(Boolean).join(" · ")));
      item.appendChild(node("p", d.labelShown + ": " + p.precision_label, { "class": "muted" }));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function pinClass(group) {
    var kinds = {};
    group.forEach(function (p) { kinds[p.kind] = true; });
    if (kinds.offer && kinds.want) { return "mixed"; }
    return kinds.offer ? "offer" : "want";
  }

  function pinLabel(group) {
    if (group.length > 1) { return group.length + " " + d.labelListings; }
    var p = group[0];
    return p.kind_label + ": " + p.title + " — " + p.firm;
  }

  function drawPoints(points) {
    var groups = {};
    points.forEach(function (feature) {
      var key = feature.geometry.coordinates.join(",");
      (groups[key] = groups[key] || []).push(feature.properties);
    });
    var bounds = [];
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      var c = key.split(",").map(Number);
      var size = group.length > 1 ? 28 : 22;
      var icon = L.divIcon({
        className: "map-pin map-pin-" + pinClass(group),
        html: group.length > 1 ? String(group.length) : "",
        iconSize: [size, size]
      });
      var marker = L.marker([c[1], c[0]], { icon: icon, title: pinLabel(group), riseOnHover: true });
      marker.bindPopup(listingPopup(group), { maxWidth: 320, maxHeight: 280 }).addTo(map);
      marker.getElement().setAttribute("aria-label", pinLabel(group));
      group.forEach(function (p) { byId["listing-" + p.id] = marker; });
      bounds.push([c[1], c[0]]);
    });
    return bounds;
  }

  function drawSynergies(lines) {
    var heaviest = Math.max.apply(null, lines.map(function (f) { return f.properties.tonnes_per_year; }).concat([1]));
    lines.forEach(function (feature) {
      var p = feature.properties;
      var latlngs = feature.geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
      var settled = ["agreed", "active", "ended"].indexOf(p.state) >= 0;
      var line = L.polyline(latlngs, {
        color: "#2e7d32", opacity: 0.8, weight: 2 + 6 * p.tonnes_per_year / heaviest,
        dashArray: settled ? null : "8 6"
      });
      var box = node("div", "", { "class": "map-popup" });
      box.appendChild(node("p", p.offer + " (" + p.offer_firm + ") → " + p.want + " (" + p.want_firm + ")"));
      box.appendChild(node("p", p.state_label + " · " + tonnes(p.tonnes_per_year)));
      box.appendChild(node("a", d.labelSynergy, { href: p.url }));
      line.bindPopup(box).addTo(map);
      byId["synergy-" + p.id] = line;
    });
  }

  function showOnMap(id) {
    var layer = byId[id];
    if (!layer) { return; }
    var centre = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    map.setView(centre, Math.max(map.getZoom(), 10));
    layer.openPopup(centre);
    el.scrollIntoView({ block: "center" });
    var link = el.querySelector(".leaflet-popup-content a");
    if (link) { link.focus(); }
  }

  function enableButtons() {
    document.querySelectorAll("[data-show-on-map]").forEach(function (button) {
      if (!byId[button.dataset.showOnMap]) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { showOnMap(button.dataset.showOnMap); });
    });
  }

  getJSON(d.provinces).then(drawBasemap).catch(failed);
  getJSON(d.zones).then(drawZones).catch(failed);
  var points = d.noPoints ? Promise.resolve({ features: [] }) : getJSON(d.points);
  points.then(function (collection) {
    var features = collection.features || [];
    var bounds = drawPoints(features.filter(function (f) { return f.geometry.type === "Point"; }));
    drawSynergies(features.filter(function (f) { return f.geometry.type === "LineString"; }));
    if (bounds.length) { map.fitBounds(L.latLngBounds(bounds).pad(0.25), { maxZoom: 10 }); }
    enableButtons();
    el.dataset.markers = String(bounds.length);
    el.dataset.ready = "1";
  }).catch(function () { failed(); el.dataset.ready = "error"; });
}());
