// Draws every chart of the page with vega-embed, in the page's language, and wires the copy buttons.
(() => {
  const LOCALES = {
    vi: {
      format: { decimal: ",", thousands: ".", grouping: [3], currency: ["", " ₫"] },
      time: { dateTime: "%H:%M:%S %d/%m/%Y", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["SA", "CH"],
        days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
        shortMonths: ["thg 1", "thg 2", "thg 3", "thg 4", "thg 5", "thg 6", "thg 7", "thg 8", "thg 9", "thg 10", "thg 11", "thg 12"] },
      menu: { PNG_ACTION: "Lưu ảnh PNG", SVG_ACTION: "Lưu ảnh SVG", CLICK_TO_VIEW_ACTIONS: "Tải biểu đồ" },
    },
    en: {
      format: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] },
      time: { dateTime: "%x, %X", date: "%-m/%-d/%Y", time: "%-I:%M:%S %p", periods: ["AM", "PM"],
        days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] },
      menu: { PNG_ACTION: "Save as PNG", SVG_ACTION: "Save as SVG", CLICK_TO_VIEW_ACTIONS: "Download chart" },
    },
  };
  const locale = LOCALES[document.documentElement.lang] || LOCALES.vi;

  // Fit the chart to its column: phone to desktop. Small multiples get 1–3 columns.
  const rewrap = (lines, chars) => {
    const out = [];
    lines.join("\n").split("\n").forEach((line) => {
      let current = "";
      line.split(" ").forEach((word) => {
        if (current && (current + " " + word).length > chars) { out.push(current); current = word; }
        else current = current ? current + " " + word : word;
      });
      out.push(current);
    });
    return out;
  };
  const fit = (spec, width) => {
    const usable = Math.max(200, width - 150);
    if (spec.title) {
      // Vega does not wrap titles: break them to the width (title 16px, subtitle 12px).
      spec.title.text = rewrap([].concat(spec.title.text), Math.floor(width / 9.5));
      if (spec.title.subtitle && width < 900) {
        spec.title.subtitle = rewrap([spec.title.subtitle.join(" ")], Math.floor(width / 6.5));
      }
    }
    spec.config = Object.assign({}, spec.config, { legend: { columns: width < 600 ? 1 : 3 } });
    if (spec.spec) {
      spec.columns = usable > 900 ? 3 : usable > 560 ? 2 : 1;
      spec.spec.width = Math.floor(usable / spec.columns) - 30;
      spec.spec.height = 170;
    } else {
      spec.width = usable;
      spec.height = width < 500 ? 260 : 320;
    }
    return spec;
  };

  document.querySelectorAll("[data-chart]").forEach((el) => {
    const spec = fit(JSON.parse(document.getElementById(el.dataset.chart).textContent), el.clientWidth);
    window.vegaEmbed(el, spec, {
      renderer: "svg",
      // Export only: the editor entry would send the reader to another site.
      actions: { export: true, source: false, compiled: false, editor: false },
      formatLocale: locale.format,
      timeFormatLocale: locale.time,
      i18n: locale.menu,
      tooltip: { theme: "light" },
    }).then((result) => {
      // The export menu's <summary> shows only an icon: give it a name.
      const summary = el.querySelector("details > summary");
      if (summary) summary.setAttribute("aria-label", locale.menu.CLICK_TO_VIEW_ACTIONS);
      // One text alternative for the whole drawing (title and every figure); the marks inside
      // are hidden from screen readers, which get the same figures from the table below.
      const svg = el.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description || "");
        Array.from(svg.children).forEach((child) => child.setAttribute("aria-hidden", "true"));
      }
      el.dataset.rendered = "true";
      return result;
    })
      .catch((error) => { el.dataset.rendered = "error"; console.error(error); });
  });

  // Printed pages show every table, folded or not.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details").forEach((d) => { d.dataset.wasOpen = d.open; d.open = true; });
  });
  window.addEventListener("afterprint", () => {
    document.querySelectorAll("details").forEach((d) => { d.open = d.dataset.wasOpen === "true"; });
  });

  // A table wider than its box scrolls sideways; say so, since phones hide scroll bars.
  const markScrollable = () => document.querySelectorAll(".table-scroll").forEach((box) => {
    box.toggleAttribute("data-scrolls", box.scrollWidth > box.clientWidth + 1);
    box.dataset.hint = document.body.dataset.scrollHint || "";
  });
  markScrollable();
  window.addEventListener("resize", markScrollable);

  document.querySelectorAll("button.copy").forEach((button) => {
    button.addEventListener("click", () => {
      const text = document.getElementById(button.dataset.copy).textContent.trim();
      const done = () => { button.dataset.copied = "true"; button.setAttribute("aria-live", "polite"); };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, done); else done();
    });
  });
})();
