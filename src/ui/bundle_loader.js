// Loads the WebAssembly only on a page that marks something with `data-needs-script`: a form
// that posts in place and checks its fields, the list that updates without a reload, the map's
// zoom and pan, figures that count again. Every other page is complete as HTML, so a slow
// phone downloads and runs no script for it. This runs once the document is parsed (a module).
((js, wasm) => {
  if (!document.querySelector("[data-needs-script]")) return;
  // The download starts at once, at low priority so that it never delays the page's own
  // content; the page hydrates when the browser is idle (2 s at the latest).
  const code = fetch(wasm, { priority: "low" });
  const hydrate = () => import(js).then((mod) => mod.default({ module_or_path: code }).then(() => mod.hydrate()));
  if ("requestIdleCallback" in window) window.requestIdleCallback(hydrate, { timeout: 2000 });
  else hydrate();
})
