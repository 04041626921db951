/* The delivery area (directory.forms.MunicipalitiesByRegion): shows the regions or the
 * municipalities as the chosen delivery area needs, and gives each region's municipalities a
 * "the whole region" box. Without JavaScript every list stays visible and works the same. */
(() => {
  const { Controller } = window.StimulusModule;

  class DeliveryAreaController extends Controller {
    static targets = ["scope", "regions", "municipalities", "region", "whole"];

    connect() {
      this.wholeTargets.forEach((label) => { label.hidden = false; });
      this.regionTargets.forEach((group) => {
        group.addEventListener("change", (event) => {
          if (event.target.name) this.update(group);
        });
        this.update(group);
      });
      this.show();
    }

    show() {
      if (!this.hasScopeTarget) return;
      const scope = this.scopeTarget.value;
      if (this.hasRegionsTarget) this.regionsTarget.hidden = scope !== "regions";
      if (this.hasMunicipalitiesTarget) this.municipalitiesTarget.hidden = scope !== "municipalities";
    }

    boxes(group) {
      return [...group.querySelectorAll("input[type=checkbox][name]")];
    }

    toggleRegion(event) {
      const group = event.target.closest("fieldset");
      this.boxes(group).forEach((box) => { box.checked = event.target.checked; });
      this.update(group);
      group.dispatchEvent(new Event("input", { bubbles: true }));
    }

    update(group) {
      const boxes = this.boxes(group);
      const ticked = boxes.filter((box) => box.checked).length;
      const whole = group.querySelector("input[type=checkbox]:not([name])");
      whole.checked = ticked === boxes.length;
      whole.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  }

  window.wagtail.app.register("delivery-area", DeliveryAreaController);
})();
