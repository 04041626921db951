/* The CPV picker (directory.forms.CpvPickerInput): a WAI-ARIA combobox to search CPV codes by
 * words or code, a browser down from the divisions and the chosen codes as a list. The text
 * input below stays what the form submits: the picker writes the codes into it and follows it
 * when someone types there. Texts come from the data-cpv-picker-messages-value attribute. */
(() => {
  const { Controller } = window.StimulusModule;
  const SEPARATORS = /[,;\n]/;

  const normalise = (text) => {
    const digits = String(text).split("-")[0].replace(/\D/g, "");
    return digits.length === 8 ? digits : null;
  };

  /* The same reading as CpvCodesInput.value_from_datadict; unreadable parts are left out. */
  const parseCodes = (value) => {
    const codes = [];
    value.split(SEPARATORS).map((part) => part.trim()).filter(Boolean).forEach((part) => {
      const words = part.split(/\s+/).map(normalise);
      const found = words.every(Boolean) ? words : [normalise(part)];
      found.filter(Boolean).forEach((code) => codes.includes(code) || codes.push(code));
    });
    return codes;
  };

  const element = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
    node.append(...children);
    return node;
  };

  class CpvPickerController extends Controller {
    static targets = [
      "ui", "chosen", "empty", "search", "caption", "listbox", "browseButton", "status",
      "browse", "trail", "browseHeading", "tree",
    ];

    static values = {
      url: String,
      multiple: Boolean,
      suggestFrom: String,
      labels: Object,
      messages: Object,
    };

    connect() {
      this.input = this.element.querySelector(":scope > input");
      this.id = this.input.id;
      this.options = [];
      this.active = -1;
      this.request = 0;
      this.sync = () => this.renderChosen();
      this.input.addEventListener("input", this.sync);
      this.uiTarget.hidden = false;
      this.renderChosen();
    }

    disconnect() {
      this.input.removeEventListener("input", this.sync);
      clearTimeout(this.timer);
    }

    text(key, value = "") {
      return (this.messagesValue[key] || key).replace("%s", value);
    }

    name(code) {
      const label = this.labelsValue[code];
      return label === undefined ? code : `${code} ${label || this.text("unknown")}`;
    }

    async fetchJson(params) {
      const response = await fetch(`${this.urlValue}?${new URLSearchParams(params)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(response.statusText);
      const data = await response.json();
      const labels = { ...this.labelsValue };
      data.results.forEach((item) => { labels[item.code] = item.label; });
      this.labelsValue = labels;
      return data;
    }

    announce(message) {
      this.statusTarget.textContent = "";
      window.setTimeout(() => { this.statusTarget.textContent = message; }, 50);
    }

    /* The chosen codes ------------------------------------------------------------------- */

    chosenCodes() {
      return parseCodes(this.input.value);
    }

    writeCodes(codes) {
      this.input.value = codes.join(", ");
      this.input.dispatchEvent(new Event("input", { bubbles: true }));
      this.input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    async renderChosen() {
      const codes = this.chosenCodes();
      const missing = codes.filter((code) => this.labelsValue[code] === undefined);
      if (missing.length) {
        try {
          await this.fetchJson({ codes: missing.join(",") });
          const labels = { ...this.labelsValue };
          missing.forEach((code) => { if (labels[code] === undefined) labels[code] = ""; });
          this.labelsValue = labels;
        } catch {
          /* the codes stay listed without their labels */
        }
      }
      this.chosenTarget.replaceChildren(...codes.map((code) => {
        const remove = element(
          "button",
          { type: "button", class: "button button-small button-secondary cpv-picker__remove" },
          this.text("remove"),
          element("span", { class: "w-sr-only" }, ` ${this.name(code)}`),
        );
        remove.addEventListener("click", () => this.remove(code));
        return element("li", { class: "cpv-picker__chip" }, element("span", {}, this.name(code)), remove);
      }));
      this.chosenTarget.hidden = codes.length === 0;
      this.emptyTarget.hidden = codes.length > 0;
    }

    add(code) {
      const codes = this.multipleValue ? this.chosenCodes() : [];
      if (!codes.includes(code)) codes.push(code);
      this.writeCodes(codes);
      this.announce(this.text("added", this.name(code)));
    }

    remove(code) {
      this.writeCodes(this.chosenCodes().filter((c) => c !== code));
      this.announce(this.text("removed", this.name(code)));
      this.searchTarget.focus();
    }

    /* The search combobox ----------------------------------------------------------------- */

    search() {
      clearTimeout(this.timer);
      const query = this.searchTarget.value.trim();
      if (!query) {
        this.close();
        return;
      }
      this.timer = window.setTimeout(() => this.runSearch(query), 200);
    }

    ownCodes() {
      const form = this.element.closest("form");
      const field = this.suggestFromValue && form ? form.elements.namedItem(this.suggestFromValue) : null;
      return field && field.value !== undefined ? parseCodes(field.value) : [];
    }

    async runSearch(query) {
      const request = ++this.request;
      try {
        const data = await this.fetchJson({ q: query, prefer: this.ownCodes().join(",") });
        if (request !== this.request) return;
        this.open(data.results, "");
        let message = data.results.length ? this.text("found", data.total) : this.text("none");
        if (data.total > data.results.length) message += ` ${this.text("more", data.results.length)}`;
        this.announce(message);
      } catch {
        if (request === this.request) this.announce(this.text("failed"));
      }
    }

    /* Without a query, an offering's picker offers the profile's own codes. */
    async suggest() {
      const codes = this.ownCodes();
      if (this.searchTarget.value.trim() || !codes.length) return;
      const request = ++this.request;
      try {
        const data = await this.fetchJson({ codes: codes.join(",") });
        if (request === this.request && document.activeElement === this.searchTarget) {
          this.open(data.results, this.text("yours"));
        }
      } catch {
        /* nothing to offer */
      }
    }

    open(items, caption) {
      const chosen = this.chosenCodes();
      this.options = items;
      this.active = -1;
      this.listboxTarget.replaceChildren(...items.map((item, index) => {
        const option = element(
          "li",
          { role: "option", id: `${this.id}-option-${index}`, class: "cpv-picker__option", "aria-selected": "false" },
          element("span", { class: "cpv-picker__code" }, item.code),
          " ",
          element("span", { class: "cpv-picker__name" }, item.label),
        );
        if (chosen.includes(item.code)) {
          option.append(" ", element("span", { class: "cpv-picker__mark" }, `(${this.text("chosen")})`));
        }
        if (item.place) option.append(element("span", { class: "cpv-picker__place" }, item.place));
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => this.pick(index));
        return option;
      }));
      this.captionTarget.textContent = caption;
      this.captionTarget.hidden = !caption;
      this.listboxTarget.hidden = items.length === 0;
      this.searchTarget.setAttribute("aria-expanded", String(items.length > 0));
      this.searchTarget.removeAttribute("aria-activedescendant");
    }

    close() {
      this.request += 1;
      this.options = [];
      this.listboxTarget.hidden = true;
      this.listboxTarget.replaceChildren();
      this.captionTarget.hidden = true;
      this.searchTarget.setAttribute("aria-expanded", "false");
      this.searchTarget.removeAttribute("aria-activedescendant");
    }

    move(step) {
      const count = this.options.length;
      if (!count) return;
      if (this.active < 0) this.active = step > 0 ? 0 : count - 1;
      else this.active = (this.active + step + count) % count;
      this.listboxTarget.querySelectorAll("[role=option]").forEach((option, index) => {
        option.setAttribute("aria-selected", String(index === this.active));
        if (index === this.active) option.scrollIntoView({ block: "nearest" });
      });
      this.searchTarget.setAttribute("aria-activedescendant", `${this.id}-option-${this.active}`);
    }

    pick(index) {
      const item = this.options[index];
      if (!item) return;
      this.add(item.code);
      this.close();
      this.searchTarget.focus();
    }

    key(event) {
      const isOpen = this.options.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) {
          if (this.searchTarget.value.trim()) this.runSearch(this.searchTarget.value.trim());
          else this.suggest();
        } else {
          this.move(event.key === "ArrowDown" ? 1 : -1);
        }
      } else if (event.key === "Enter") {
        event.preventDefault(); /* never submits the profile form */
        if (isOpen && this.active >= 0) this.pick(this.active);
      } else if (event.key === "Escape" && isOpen) {
        event.preventDefault();
        this.close();
      }
    }

    /* Browsing ---------------------------------------------------------------------------- */

    toggleBrowse() {
      const show = this.browseTarget.hidden;
      this.browseTarget.hidden = !show;
      this.browseButtonTarget.setAttribute("aria-expanded", String(show));
      if (show) this.showLevel("");
    }

    async showLevel(parent) {
      let data;
      try {
        data = await this.fetchJson({ parent });
      } catch {
        this.announce(this.text("failed"));
        return;
      }
      const top = element("button", { type: "button", class: "button button-small button-secondary" }, this.text("divisions"));
      top.addEventListener("click", () => this.showLevel(""));
      const crumbs = [element("li", {}, top)];
      data.trail.forEach((step) => {
        const crumb = element("button", { type: "button", class: "button button-small button-secondary" }, `${step.code} ${step.label}`);
        crumb.addEventListener("click", () => this.showLevel(step.code));
        crumbs.push(element("li", {}, crumb));
      });
      this.trailTarget.replaceChildren(...(parent ? crumbs : []));
      this.trailTarget.hidden = !parent;
      const current = data.trail[data.trail.length - 1];
      this.browseHeadingTarget.textContent = current ? this.text("below", `${current.code} ${current.label}`) : this.text("top");
      this.treeTarget.replaceChildren(...data.results.map((item) => {
        const name = `${item.code} ${item.label}`;
        const choose = element("button", { type: "button", class: "button button-small" }, this.text("choose"), element("span", { class: "w-sr-only" }, ` ${name}`));
        choose.addEventListener("click", () => this.add(item.code));
        const row = element("li", { class: "cpv-picker__node" }, element("span", { class: "cpv-picker__node-name" }, element("span", { class: "cpv-picker__code" }, item.code), " ", item.label), choose);
        if (item.has_children) {
          const open = element("button", { type: "button", class: "button button-small button-secondary" }, this.text("open"), element("span", { class: "w-sr-only" }, ` ${name}`));
          open.addEventListener("click", () => this.showLevel(item.code));
          row.append(open);
        }
        return row;
      }));
      if (parent) this.browseHeadingTarget.focus();
    }
  }

  window.wagtail.app.register("cpv-picker", CpvPickerController);
})();
