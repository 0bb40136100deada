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
  var FIELDS = ["country", "continent", "bureau", "status", "min_confidence", "reported_from", "reported_to"];
  // The filters of the page: from the query string live (the server filtered the data too),
  // from the #hash in a release, where the browser does the filtering (file:// has no server).
  function readFilters(inRelease) {
    var params = new URLSearchParams(inRelease ? window.location.hash.slice(1) : window.location.search);
    var f = {};
    FIELDS.forEach(function (name) { var v = params.get(name); if (v) { f[name] = v; } });
    return f;
  }
  function matches(s, f, ranks) {
    var year = parseInt(String(s.reported_on || "").slice(0, 4), 10);
    if (f.country && s.country !== f.country) { return false; }
    if (f.continent && s.continent !== f.continent) { return false; }
    if (f.bureau && s.bureau !== f.bureau) { return false; }
    if (f.status && s.status !== f.status) { return false; }
    if (f.min_confidence && (ranks[s.confidence] || 0) < (ranks[f.min_confidence] || 0)) { return false; }
    if (f.reported_from && !(year >= parseInt(f.reported_from, 10))) { return false; }
    if (f.reported_to && !(year <= parseInt(f.reported_to, 10))) { return false; }
    return true;
  }
  // The page's words, in its language: data-t-* attributes of the map element.
  var T = {status: "Status", bureau: "Bureau", confidence: "Confidence", reported: "First reported",
           unknown: "not known", shown: "{n} stations on the map", failed: "The map could not be drawn:"};
  function t(name) {
    var el = document.getElementById("map"), key = "t" + name.charAt(0).toUpperCase() + name.slice(1);
    return (el && el.dataset[key]) || T[name];
  }
  function popup(m) {
    var rows = [[t("status"), m.status_label || m.status], [t("bureau"), m.bureau_name || m.bureau || t("unknown")],
                [t("confidence"), m.confidence_label || m.confidence], [t("reported"), m.reported_on || t("unknown")]];
    return '<a href="' + escapeHtml(m.url) + '"><strong>' + escapeHtml(m.label) + "</strong></a><dl class=\"popup\">" +
      rows.map(function (r) { return "<dt>" + escapeHtml(r[0]) + "</dt><dd>" + escapeHtml(r[1]) + "</dd>"; }).join("") + "</dl>";
  }
  function start() {
    var el = document.getElementById("map");
    if (!el) { return; }
    var inRelease = Boolean(window.STATIONWATCH_MAP_DATA);
    // Markers and clusters are not Tab stops: the list of stations below is the keyboard's way.
    L.Marker.prototype.options.keyboard = false;
    var map = L.map(el, {worldCopyJump: true, minZoom: 1, maxZoom: 12}).setView([30, 10], 2);
    map.attributionControl.addAttribution("Shapes: Natural Earth via world-atlas");
    Promise.all([
      // The page's own filters (country, bureau, status, period, continent, confidence).
      load(el.dataset.mapUrl, "STATIONWATCH_MAP_DATA", true),
      load(el.dataset.shapesUrl, "STATIONWATCH_SHAPES", false)
    ]).then(function (results) {
      var data = results[0], topo = results[1];
      var ranks = data.confidence_ranks || {};
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
      el.querySelectorAll("path").forEach(function (p) { p.setAttribute("tabindex", "-1"); });
      // Stations close together cluster; a cluster opens into its stations on click.
      var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40,
                                          spiderfyOnMaxZoom: true});
      var byKey = {};
      data.markers.forEach(function (m) {
        var icon = L.divIcon({className: "station-marker", iconSize: [16, 16],
          html: '<span data-country="' + escapeHtml(m.country) + '" data-key="' + escapeHtml(m.key) + '"></span>'});
        byKey[m.key] = L.marker([m.lat, m.lon], {icon: icon, title: m.label, alt: m.label}).bindPopup(popup(m));
      });
      map.addLayer(cluster);
      // Open one station's marker, zooming into its cluster (used by links and the tests).
      el.showStation = function (key) {
        var marker = byKey[key];
        if (marker && cluster.hasLayer(marker)) { cluster.zoomToShowLayer(marker, function () { marker.openPopup(); }); }
        return Boolean(marker && cluster.hasLayer(marker));
      };
      el.dataset.markerCount = String(data.markers.length);
      el.dataset.markerCountries = String(Object.keys(data.markers.reduce(function (acc, m) {
        acc[m.country] = true; return acc; }, {})).length);
      var items = Array.prototype.slice.call(document.querySelectorAll("#station-index li[data-key]"));
      function apply(f) {
        var shown = data.markers.filter(function (m) { return matches(m, f, ranks); });
        cluster.clearLayers();
        cluster.addLayers(shown.map(function (m) { return byKey[m.key]; }));
        var perCountry = {};
        items.forEach(function (li) {
          var d = li.dataset, ok = matches({country: d.country, continent: d.continent, bureau: d.bureau,
            status: d.status, confidence: d.confidence, reported_on: d.year}, f, ranks);
          li.hidden = !ok;
          if (ok) { perCountry[d.country] = (perCountry[d.country] || 0) + 1; }
        });
        var count = document.getElementById("marker-count");
        if (count) { count.textContent = t("shown").replace("{n}", shown.length); }
        var list = document.getElementById("country-counts");
        if (list) {
          list.textContent = "";
          data.countries.filter(function (c) { return perCountry[c.code] || !items.length; })
            .map(function (c) { return {c: c, n: items.length ? perCountry[c.code] : c.count}; })
            .sort(function (a, b) { return b.n - a.n || a.c.name.localeCompare(b.c.name); })
            .forEach(function (x) {
              var li = document.createElement("li"), a = document.createElement("a");
              a.href = x.c.url; a.textContent = x.c.name; li.appendChild(a);
              li.appendChild(document.createTextNode(": " + x.n)); list.appendChild(li);
            });
        }
        // A filter zooms to what it leaves; no filter shows the world.
        if (Object.keys(f).length && shown.length) {
          map.fitBounds(L.latLngBounds(shown.map(function (m) { return [m.lat, m.lon]; })),
                        {padding: [30, 30], maxZoom: 7, animate: false});
        } else {
          map.setView([30, 10], 2, {animate: false});
        }
        el.dataset.shown = String(shown.length);
        el.dataset.zoom = String(map.getZoom());
      }
      var form = document.getElementById("filters");
      if (inRelease && form) {
        var fill = function () {
          var f = readFilters(true);
          FIELDS.forEach(function (name) { if (form.elements[name]) { form.elements[name].value = f[name] || ""; } });
          apply(f);
        };
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var params = new URLSearchParams();
          FIELDS.forEach(function (name) { var v = form.elements[name] && form.elements[name].value; if (v) { params.set(name, v); } });
          window.location.hash = params.toString();
        });
        window.addEventListener("hashchange", fill);
        fill();
      } else {
        apply(readFilters(false));
      }
      el.dataset.ready = "true";
    }).catch(function (err) {
      el.textContent = t("failed") + " " + err;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
