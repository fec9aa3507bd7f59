// Loads the WebAssembly only on a page that marks something with `data-needs-script` (see
// ui/bundle.rs): a form that posts in place and checks its fields, the list's filters, the
// map's zoom and pan, figures that count again. Every other page is complete as HTML, so a slow
// phone downloads and runs no script for it. This runs once the document is parsed (a module).
//
// Nothing is fetched until the visitor points at, touches or moves the focus into a marked
// element; the page works as HTML until then (a form posts the ordinary way), so a visitor who
// only reads never pays for the bundle nor for hydrating it. An element with
// `data-needs-script-after` (seconds) also has it loaded once the page has been shown that long.
// The interface texts of the page's language come beside the WebAssembly (`texts` + lang.json):
// the bundle carries no texts of its own.
((js, wasm, texts) => {
  const marked = [...document.querySelectorAll("[data-needs-script]")];
  if (!marked.length) return;

  // Hydration sets the properties a view binds (`prop:value` of the filters) to what the server
  // rendered; what the visitor typed or picked before that is put back once it is done.
  const edits = new Map();
  const remember = ({ target: field }) => {
    if (field instanceof HTMLSelectElement) edits.set(field, [...field.options].map((option) => option.selected));
    else if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) edits.set(field, field.checked);
    else if ((field instanceof HTMLInputElement && field.type !== "file") || field instanceof HTMLTextAreaElement) edits.set(field, field.value);
  };
  const restore = () => {
    for (const [field, value] of edits) {
      if (field instanceof HTMLSelectElement) field.options.length === value.length && value.forEach((on, i) => (field.options[i].selected = on));
      else if (typeof value === "boolean") field.checked = value;
      else if (field.value !== value) field.value = value;
    }
    edits.clear();
    for (const type of ["input", "change"]) document.removeEventListener(type, remember, true);
  };
  for (const type of ["input", "change"]) document.addEventListener(type, remember, true);
  new MutationObserver((_, observer) => {
    if (!document.body.hasAttribute("data-hydrated")) return;
    observer.disconnect();
    restore();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-hydrated"] });

  const INTENT = ["pointerover", "pointerdown", "focusin"];
  const onIntent = (event) => {
    if (event.target instanceof Element && event.target.closest("[data-needs-script]")) load("high");
  };
  let started = false;
  const load = (priority) => {
    if (started) return;
    started = true;
    for (const type of INTENT) document.removeEventListener(type, onIntent, true);
    const code = fetch(wasm, { priority });
    const words = fetch(`${texts}${document.documentElement.lang}.json`, { priority }).then((answer) => answer.text());
    import(js).then((mod) => Promise.all([mod.default({ module_or_path: code }), words]).then(([, text]) => mod.hydrate(text)));
  };

  for (const type of INTENT) document.addEventListener(type, onIntent, { capture: true, passive: true });
  // Focus already inside (a field with autofocus, or the browser restored it).
  if (document.activeElement && document.activeElement.closest("[data-needs-script]")) load("high");

  // `0` means at once (the check-in screen, whose bundle fetches the next code).
  const after = Math.min(...marked.map((element) => (element.dataset.needsScriptAfter === undefined ? Infinity : Number(element.dataset.needsScriptAfter))));
  if (after < Infinity) {
    // Counted while the page is shown: a tab in the background waits until it is looked at.
    let left = after * 1000;
    let shown = performance.now();
    let timer = document.hidden ? 0 : setTimeout(() => load("low"), left);
    document.addEventListener("visibilitychange", () => {
      if (started) return;
      if (document.hidden) {
        clearTimeout(timer);
        left -= performance.now() - shown;
      } else {
        shown = performance.now();
        timer = setTimeout(() => load("low"), Math.max(left, 0));
      }
    });
  }
})
