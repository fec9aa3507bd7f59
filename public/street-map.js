// The optional street-map layer of /{lang}/map: Leaflet (served by the platform from
// public/vendor/leaflet, copied there from npm by .ci/setup) over OpenStreetMap tiles from the
// address in <meta name="birgemiz-tiles">. It loads only when a visitor turns it on, and shows
// the same campaigns, clustered by the server, as the drawn map.
(() => {
  "use strict";
  let leafletReady = null;
  let current = null;

  // Leaflet's folder, at the address with its content hash that the page's head gives.
  function leafletFolder() {
    const meta = document.querySelector('meta[name="birgemiz-street-map"]');
    return (meta && meta.dataset.leaflet) || "/vendor/leaflet";
  }

  function loadLeaflet() {
    if (leafletReady) return leafletReady;
    leafletReady = new Promise((resolve, reject) => {
      const folder = leafletFolder();
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = folder + "/leaflet.css";
      document.head.appendChild(css);
      const script = document.createElement("script");
      script.src = folder + "/leaflet.js";
      script.onload = () => resolve(window.L);
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return leafletReady;
  }

  function tiles() {
    const meta = document.querySelector('meta[name="birgemiz-tiles"]');
    return meta ? { url: meta.content, attribution: meta.dataset.attribution } : null;
  }

  /** The list's filters from the address, without page position, plus the view's box. */
  function dataUrl(map) {
    const params = new URLSearchParams(location.search);
    ["after", "before", "bbox", "limit"].forEach((name) => params.delete(name));
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    params.set("bbox", [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(","));
    return "/api/v1/campaigns.geojson?" + params.toString();
  }

  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  async function show(container, lang) {
    const L = await loadLeaflet();
    const source = tiles();
    const map = L.map(container, { minZoom: 4, maxZoom: 17 }).fitBounds([[40.5, 46.5], [55.5, 87.5]]);
    if (source) L.tileLayer(source.url, { attribution: source.attribution, maxZoom: 19 }).addTo(map);
    const layer = L.layerGroup().addTo(map);
    async function refresh() {
      const response = await fetch(dataUrl(map));
      if (!response.ok) return;
      const data = await response.json();
      layer.clearLayers();
      // The server clusters by cells about a 24th of the view across (src/map/store.rs); a
      // circle wider than its cell would cover its neighbours' at the country's zoom.
      const view = map.getBounds();
      const degrees = view.getEast() - view.getWest();
      const cellPixels = (Math.max(degrees, (view.getNorth() - view.getSouth()) * 1.5) / 24) * (map.getSize().x / degrees);
      const largestRadius = Math.max(9, cellPixels / 2);
      for (const feature of data.features) {
        const [lon, lat] = feature.geometry.coordinates;
        const p = feature.properties;
        if (p.kind === "cluster") {
          const marker = L.circleMarker([lat, lon], { radius: Math.min(10 + Math.log10(p.count) * 6, largestRadius), color: "#1a2530", weight: 1, fillColor: "#f6c343", fillOpacity: 0.9 });
          marker.bindTooltip(String(p.count), { permanent: true, direction: "center", className: "street-map__count" });
          marker.on("click", () => map.fitBounds([[p.bbox[1], p.bbox[0]], [p.bbox[3], p.bbox[2]]], { maxZoom: 15, padding: [20, 20] }));
          marker.addTo(layer);
        } else {
          const title = p.title[lang] || p.title.kk || p.title.ru || p.title.en || "";
          const card = document.createElement("div");
          const heading = document.createElement("strong");
          heading.appendChild(text(title));
          const link = document.createElement("a");
          link.href = `/${lang}/campaigns/${p.id}`;
          link.appendChild(text(container.dataset.open));
          card.append(heading, document.createElement("br"), link);
          L.circleMarker([lat, lon], { radius: 7, color: "#ffffff", weight: 1.5, fillColor: "#c2410c", fillOpacity: 1 })
            .bindPopup(card)
            .addTo(layer);
        }
      }
      container.dataset.features = String(data.features.length);
      container.dataset.cell = cellPixels.toFixed(1);
    }
    map.on("moveend", refresh);
    await refresh();
    return map;
  }

  // The toggle is drawn by the page once its WebAssembly runs, which also loads this script;
  // listen on the document, and act on a toggle turned on before this arrived.
  async function onToggle(toggle) {
    const drawn = document.querySelector(".map__svg");
    if (current) {
      current.map.remove();
      current.container.remove();
      current = null;
    }
    // An <svg> has no `hidden` property, only the attribute.
    if (drawn) drawn.toggleAttribute("hidden", toggle.checked);
    if (!toggle.checked || !drawn) return;
    const container = document.createElement("div");
    container.className = "street-map";
    container.dataset.open = toggle.dataset.open;
    drawn.after(container);
    current = { container, map: await show(container, document.documentElement.lang || "kk") };
  }
  document.addEventListener("change", (event) => {
    const toggle = event.target;
    if (toggle instanceof HTMLInputElement && toggle.id === "street-map-toggle") onToggle(toggle);
  });
  const toggle = document.getElementById("street-map-toggle");
  if (toggle instanceof HTMLInputElement && toggle.checked) onToggle(toggle);
})();
