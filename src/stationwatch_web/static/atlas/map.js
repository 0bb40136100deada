/* Home map: country shading from the vendored Natural Earth shapes, clustered station markers.
   Works offline: no tile server, every file is served by stationwatch itself. */
(function () {
  "use strict";
  function shade(count, max) {
    if (!count) { return "#f4f4f0"; }
    var t = Math.sqrt(count / max);
    var light = Math.round(88 - t * 48);
    return "hsl(358, 70%, " + light + "%)";
  }
  // Rings that cross the antimeridian (Russia, Alaska, Fiji) jump from +180 to -180 and would
  // be drawn as bands across the world: move their western points east by 360 degrees.
  function unwrapRing(ring) {
    var crosses = ring.some(function (p, i) { return i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180; });
    if (!crosses) { return ring; }
    return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
  }
  function unwrap(feature) {
    var g = feature.geometry;
    if (g && g.type === "Polygon") { g.coordinates = g.coordinates.map(unwrapRing); }
    if (g && g.type === "MultiPolygon") {
      g.coordinates = g.coordinates.map(function (poly) { return poly.map(unwrapRing); });
    }
    return feature;
  }
  var ANTARCTICA = "010";
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  // The published static atlas opens from file://, where fetch() is refused: there the data
  // comes as scripts that set a global, and the page has no data URL.
  function load(url, name, query) {
    if (window[name]) { return Promise.resolve(window[name]); }
    return fetch(url + (query ? window.location.search : "")).then(function (r) { return r.json(); });
  }
  function start() {
    var el = document.getElementById("map");
    if (!el) { return; }
    var map = L.map(el, {worldCopyJump: true, minZoom: 1, maxZoom: 12}).setView([30, 10], 2);
    map.attributionControl.addAttribution("Shapes: Natural Earth via world-atlas");
    Promise.all([
      // The page's own filters (country, bureau, status, period, continent, confidence).
      load(el.dataset.mapUrl, "STATIONWATCH_MAP_DATA", true),
      load(el.dataset.shapesUrl, "STATIONWATCH_SHAPES", false)
    ]).then(function (results) {
      var data = results[0], topo = results[1];
      var byNumeric = {}, max = 1;
      data.countries.forEach(function (c) { byNumeric[c.numeric] = c; max = Math.max(max, c.count); });
      var shapes = topojson.feature(topo, topo.objects.countries);
      shapes.features = shapes.features.filter(function (f) { return f.id !== ANTARCTICA; }).map(unwrap);
      L.geoJSON(shapes, {
        style: function (f) {
          var c = byNumeric[f.id];
          return {color: "#8a8a84", weight: 0.6, fillOpacity: 1, fillColor: shade(c ? c.count : 0, max)};
        },
        onEachFeature: function (f, layer) {
          var c = byNumeric[f.id];
          if (c) { layer.bindTooltip(escapeHtml(c.name) + ": " + c.count + " reported"); }
        }
      }).addTo(map);
      // Stations close together cluster; a cluster opens into its stations on click.
      var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40,
                                          spiderfyOnMaxZoom: true});
      var byKey = {};
      data.markers.forEach(function (m) {
        var icon = L.divIcon({className: "station-marker", iconSize: [16, 16],
          html: '<span data-country="' + escapeHtml(m.country) + '" data-key="' + escapeHtml(m.key) + '"></span>'});
        var marker = byKey[m.key] = L.marker([m.lat, m.lon], {icon: icon, title: m.label, alt: m.label, keyboard: true});
        cluster.addLayer(marker.bindPopup('<a href="' + escapeHtml(m.url) + '">' + escapeHtml(m.label) + "</a><br>" +
                     escapeHtml(m.bureau || "bureau unknown") + " · " + escapeHtml(m.status) +
                     " · " + escapeHtml(m.confidence)));
      });
      map.addLayer(cluster);
      // Open one station's marker, zooming into its cluster (used by links and the tests).
      el.showStation = function (key) {
        var marker = byKey[key];
        if (marker) { cluster.zoomToShowLayer(marker, function () { marker.openPopup(); }); }
        return Boolean(marker);
      };
      el.dataset.markerCount = String(data.markers.length);
      el.dataset.markerCountries = String(Object.keys(data.markers.reduce(function (acc, m) {
        acc[m.country] = true; return acc; }, {})).length);
      var count = document.getElementById("marker-count");
      if (count) { count.textContent = data.markers.length + " stations on the map"; }
      var list = document.getElementById("country-counts");
      data.countries.slice().sort(function (a, b) { return b.count - a.count || a.name.localeCompare(b.name); })
        .forEach(function (c) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = c.url; a.textContent = c.name; li.appendChild(a);
          li.appendChild(document.createTextNode(": " + c.count)); list.appendChild(li);
        });
      el.dataset.ready = "true";
    }).catch(function (err) {
      el.textContent = "The map could not be drawn: " + err;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
