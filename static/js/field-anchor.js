/* A link to one field of an edit form (the SØV dashboard links each missing part of the profile)
 * lands at the field and focuses it. The admin scrolls <main> smoothly, and the browser's own jump
 * to the fragment stops short there (at the top of the form) when anything takes the focus. */
(() => {
  const FOCUSABLE = "input:not([type=hidden]), select, textarea, [contenteditable=true], button";

  const land = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: "start", behavior: "instant" });
    const field = [target, ...target.querySelectorAll(FOCUSABLE)].find(
      (el) => el.matches(FOCUSABLE) && el.getClientRects().length && !el.disabled,
    );
    if (field) field.focus({ preventScroll: true });
  };

  window.addEventListener("load", () => window.requestAnimationFrame(land));
  window.addEventListener("hashchange", land);
})();
