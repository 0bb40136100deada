/* Statistics page: stations first reported and responses per month (vendored Chart.js). */
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("timeline");
    if (!el || !window.Chart) { return; }
    var data = window.STATIONWATCH_TIMELINE;  // set by a script in the static atlas
    (data ? Promise.resolve(data) : fetch(el.dataset.url).then(function (r) { return r.json(); })).then(function (data) {
      new window.Chart(el, {
        type: "bar",
        data: {labels: data.months, datasets: [
          {label: el.dataset.tStations || "Stations first reported", data: data.stations, backgroundColor: "#a4161a"},
          {label: el.dataset.tResponses || "Host-government responses", data: data.responses, backgroundColor: "#0b4f8a"}
        ]},
        options: {animation: false, responsive: true,
                  scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
      el.dataset.ready = "true";
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
