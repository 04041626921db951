/* Wagtail's rich-text editor (Draftail) and tag field (tag-it) build their own inputs, which have
 * no accessible name: name each one by its field's label (WCAG 4.1.2). */
(() => {
  const UNNAMED = [
    '[contenteditable="true"][role="textbox"]:not([aria-labelledby]):not([aria-label])',
    ".tagit-new input:not([aria-labelledby]):not([aria-label])",
  ].join(", ");

  const nameInputs = () => {
    document.querySelectorAll("label[for]").forEach((label) => {
      const field = label.closest("[data-field-wrapper], [data-field], [data-panel], .w-panel");
      const inputs = field ? field.querySelectorAll(UNNAMED) : [];
      if (!inputs.length) return;
      if (!label.id) label.id = `${label.htmlFor}-label`;
      inputs.forEach((input) => input.setAttribute("aria-labelledby", label.id));
    });
  };

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(() => {
      queued = false;
      nameInputs();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  nameInputs();
})();
