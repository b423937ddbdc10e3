// The page's behaviour: draws its charts with the Vega runtime (the chart kinds arrive compiled
// to Vega, see sitegen/charts.py), lets readers pick the localities a crowded chart highlights
// (kept in the page's address as ?hl=), keeps the tables under the charts in step, makes the
// overview and scorecard tables sortable and filterable, and wires the copy and download buttons.
(() => {
  const LOCALES = {
    vi: {
      format: { decimal: ",", thousands: ".", grouping: [3], currency: ["", " ₫"] },
      time: { dateTime: "%H:%M:%S %d/%m/%Y", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["SA", "CH"],
        days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
        shortMonths: ["thg 1", "thg 2", "thg 3", "thg 4", "thg 5", "thg 6", "thg 7", "thg 8", "thg 9", "thg 10", "thg 11", "thg 12"] },
    },
    en: {
      format: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] },
      time: { dateTime: "%x, %X", date: "%-m/%-d/%Y", time: "%-I:%M:%S %p", periods: ["AM", "PM"],
        days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] },
    },
  };
  const lang = document.documentElement.lang;
  const locale = LOCALES[lang] || LOCALES.vi;
  // Search ignores case and Vietnamese diacritics: "da nang" finds "Đà Nẵng".
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  const payloadElement = document.getElementById("sitegen-charts");
  const payload = payloadElement ? JSON.parse(payloadElement.textContent) : null;
  window.sitegenCharts = {};   // chart id -> { spec, rows, view }: for the browser tests and the console

  // ------------------------------------------------------------------ the figures of a chart
  const expanded = {};
  const expand = (d) => d.rows.map(([s, kind, date, value, valueLabel, period, source, line]) => ({
    locality: d.series[s][0], series: d.series[s][1], panel: d.series[s][2], colour: d.colours[s],
    kind, kind_label: d.kinds[kind], date, value, value_label: valueLabel,
    period_label: d.strings[period], source_label: d.strings[source], line: d.strings[line],
  }));
  const datasetRows = (id) => expanded[id] || (expanded[id] = expand(payload.datasets[id]));

  // The reader's pick (locality ids), or null for each chart's own default highlight.
  const params = new URLSearchParams(window.location.search);
  let chosen = params.has("hl") ? params.get("hl").split(",").filter(Boolean) : null;
  const highlightOf = (config) => new Set(
    !config.many ? datasetRows(config.dataset).map((r) => r.locality)
      : chosen ? [...chosen, payload.national] : config.highlight);

  // The newest actual of each highlighted locality (else its newest point) carries its end label.
  const endPoints = (rows) => {
    const best = new Map();
    rows.forEach((r) => {
      if (!r.hl || r.kind === "required") return;
      const held = best.get(r.locality);
      const rank = (p) => [p.kind === "actual" ? 1 : 0, p.date];
      if (!held || rank(r)[0] > rank(held)[0] || (rank(r)[0] === rank(held)[0] && r.date > held.date)) best.set(r.locality, r);
    });
    return new Set(best.values());
  };

  const chartRows = (config) => {
    const highlighted = highlightOf(config);
    const order = new Map();
    let rows = datasetRows(config.dataset).map((r) => {
      if (!order.has(r.locality)) order.set(r.locality, r.locality === payload.national ? 1e6 : order.size);
      return { ...r, hl: highlighted.has(r.locality), last: false, order: order.get(r.locality) };
    });
    // Panels of small multiples: only the highlighted localities, or there would be one per
    // locality; each panel is titled, so its line needs no label.
    if (config.kind === "small_multiples" && config.many) rows = rows.filter((r) => r.hl);
    else if (config.many) endPoints(rows).forEach((r) => { r.last = true; r.label_y = r.value; });
    return rows;
  };

  // End labels closer than a line of text are moved apart, keeping their order: on the y scale
  // the chart will use (Vega's own, with the same "nice" domain), from the top down, then back
  // up from the bottom if the lowest ran off the chart.
  const spreadLabels = (rows, height) => {
    const labels = rows.filter((r) => r.last).sort((a, b) => b.value - a.value);
    if (labels.length < 2) return;
    const values = rows.map((r) => r.value);
    const [low, high] = window.vega.scale("linear")().domain([Math.min(...values), Math.max(...values)]).nice().domain();
    const gap = (13 * (high - low)) / height;
    labels.forEach((r, i) => { if (i) r.label_y = Math.min(r.value, labels[i - 1].label_y - gap); });
    for (let i = labels.length - 1; i >= 0; i -= 1) {
      const floor = i === labels.length - 1 ? low + gap / 2 : labels[i + 1].label_y + gap;
      labels[i].label_y = Math.max(labels[i].label_y, floor);
    }
  };

  // ------------------------------------------------------------------ a dark screen
  // The page's colours (site.css, custom properties) on a dark screen, else null: charts keep
  // Vega's own light look, which is also what a downloaded PNG or SVG always gets.
  const darkScreen = window.matchMedia("(prefers-color-scheme: dark)");
  const darkTheme = () => {
    if (!darkScreen.matches) return null;
    const css = getComputedStyle(document.documentElement);
    const [bg, ink, muted, line] = ["--bg", "--ink", "--muted", "--line"].map((name) => css.getPropertyValue(name).trim());
    return { bg, ink, muted, line };
  };
  let theme = darkTheme();

  // WCAG contrast of two #rrggbb colours; a line colour too dark for the background (the
  // near-black national line, Okabe-Ito's deep blue) is mixed with white until it reaches 4.5:1.
  const luminance = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const readableOn = (hex, { bg }) => {
    let colour = hex;
    for (let share = 0.1; contrast(colour, bg) < 4.5 && share <= 1; share += 0.1) {
      colour = `#${[1, 3, 5].map((i) => { const c = parseInt(hex.slice(i, i + 2), 16); return Math.round(c + (255 - c) * share).toString(16).padStart(2, "0"); }).join("")}`;
    }
    return colour;
  };

  const applyTheme = (spec, { bg, ink, muted, line }) => {
    spec.background = bg;
    spec.title.color = ink;
    spec.title.subtitleColor = muted;
    spec.legends.forEach((l) => { if (l.symbolStrokeColor) l.symbolStrokeColor = ink; });
    spec.config = { ...spec.config,
      axis: { labelColor: ink, titleColor: ink, gridColor: line, domainColor: muted, tickColor: muted },
      legend: { labelColor: ink, titleColor: ink },
      title: { color: ink, subtitleColor: muted },
      style: { "guide-label": { fill: ink }, "guide-title": { fill: ink } } };
  };

  // ------------------------------------------------------------------ a chart's Vega spec
  // Lines broken to fit a width in pixels, measured in the font Vega draws them in (a count of
  // characters misjudges wide letters and other fonts, and a title wider than its box makes the
  // page scroll sideways on a phone).
  const ruler = document.createElement("canvas").getContext("2d");
  const rewrap = (lines, font, pixels) => {
    ruler.font = font;
    const out = [];
    [].concat(lines).join("\n").split("\n").forEach((line) => {
      let current = "";
      line.split(" ").forEach((word) => {
        if (current && ruler.measureText(current + " " + word).width > pixels) { out.push(current); current = word; } else current = current ? current + " " + word : word;
      });
      out.push(current);
    });
    return out;
  };

  const colourScale = (config, rows, look) => {
    const series = [];
    rows.forEach((r) => { if (r.hl && !series.some((s) => s.name === r.series)) series.push({ name: r.series, locality: r.locality, colour: r.colour, order: r.order }); });
    series.sort((a, b) => a.order - b.order);
    let next = 0;
    // Few localities: each keeps its colour across the site. Many: the highlighted ones share the palette.
    // On a dark screen the national benchmark, near-black, is drawn in the text's colour.
    const colour = (s) => (s.locality === payload.national ? (look ? look.ink : payload.nationalColour)
      : config.many ? payload.palette[next++ % payload.palette.length] : s.colour);
    return { domain: series.map((s) => s.name), range: series.map((s) => (look ? readableOn(colour(s), look) : colour(s))) };
  };

  const dashScale = (rows) => {
    const kinds = [...new Set(rows.map((r) => r.kind))].sort();
    const label = (kind) => rows.find((r) => r.kind === kind).kind_label;
    return { domain: kinds.map(label), range: kinds.map((k) => payload.dashes[k]) };
  };

  // Ticks on 31 December, labelled with the year: a target "for 2025" sits on "2025". A chart whose
  // figures all share one date gets a year on either side, or its axis would be a single point
  // with every year's label drawn on top of each other.
  const yearEnds = (rows) => {
    const years = rows.map((r) => Number(r.date.slice(0, 4)));
    const single = new Set(rows.map((r) => r.date)).size === 1;
    const ends = [];
    for (let y = Math.min(...years) - 1; y <= Math.max(...years) + (single ? 1 : 0); y += 1) ends.push(Date.UTC(y, 11, 31));
    return { ends, single };
  };

  const eachAxis = (node, visit) => {
    if (Array.isArray(node)) node.forEach((n) => eachAxis(n, visit));
    else if (node && typeof node === "object") {
      (node.axes || []).forEach(visit);
      (node.marks || []).forEach((m) => eachAxis(m, visit));
    }
  };

  // The chart's text alternative: its title and every figure of the localities it highlights,
  // the reader's pick included (the required path is drawn from figures already listed); the
  // same form as page_charts.chart_alt_text, which tests/browser/test_site.py holds it to.
  const describe = (config, rows) => `${config.title}. ${rows.filter((r) => r.hl && r.kind !== "required")
    .map((r) => `${r.series}, ${r.kind_label} ${r.period_label}: ${r.value_label}`).join("; ")}.`;

  // look: the dark screen's colours, or null for Vega's light look.
  const fill = (config, rows, width, look) => {
    const spec = JSON.parse(JSON.stringify(payload.kinds[config.kind]));
    spec.data.find((d) => d.name === "figures").values = rows;
    spec.description = describe(config, rows);
    // The title's and subtitle's fonts are Vega's defaults at the kinds' sizes; 12 px for the padding.
    const room = width - 12;
    spec.title.text = rewrap(config.title, `bold ${spec.title.fontSize}px sans-serif`, room);
    spec.title.subtitle = rewrap(width < 900 ? config.subtitle.join(" ") : config.subtitle, `${spec.title.subtitleFontSize}px sans-serif`, room);
    Object.assign(spec.scales.find((s) => s.name === "color"), colourScale(config, rows, look));
    Object.assign(spec.scales.find((s) => s.name === "strokeDash"), dashScale(rows));
    const { ends: ticks, single } = yearEnds(rows);
    // Labels closer than 6 px count as overlapping: "2023" and "2025" would otherwise run together.
    eachAxis(spec, (axis) => { if (axis.scale === "x" && axis.labels !== false) Object.assign(axis, { values: ticks, labelOverlap: true, labelSeparation: 6 }); });
    const x = spec.scales && spec.scales.find((s) => s.name === "x");
    if (x && single) Object.assign(x, { domainMin: ticks[0], domainMax: ticks[ticks.length - 1] });
    // Many localities: labels at the lines' ends instead of a colour legend too long to read. A
    // legend's labels are not cut at Vega's 160 px ("Việt Nam (mức chuẩn toàn quốc)").
    spec.legends = spec.legends.filter((l) => !(config.many && l.stroke === "color"))
      .map((l) => ({ ...l, columns: width < 600 ? 1 : 3, labelLimit: Math.max(160, width - 60) }));
    // Room for the y axis (its labels and title, about 60 px; the legends are below the plot), and
    // for the end labels (about 6.5 px a character at 11 px bold). fitToBox narrows what overflows.
    const labelled = rows.filter((r) => r.last).map((r) => r.panel.length);
    const usable = Math.max(180, width - (labelled.length ? 70 + 6.5 * Math.max(...labelled) : 60));
    if (config.kind === "small_multiples") {
      const columns = usable > 900 ? 3 : usable > 560 ? 2 : 1;
      spec.signals.find((s) => s.name === "columns").value = columns;
      spec.signals.find((s) => s.name === "child_width").value = Math.floor(usable / columns) - 30;
    } else {
      spec.width = usable;
      spec.height = width < 500 ? 260 : 320;
      spreadLabels(rows, spec.height);
    }
    if (look) applyTheme(spec, look);
    return spec;
  };

  // ------------------------------------------------------------------ tooltips (hover or tap)
  const tip = document.createElement("div");
  tip.className = "chart-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  const showTip = (handler, event, item, value) => {
    if (value == null || value === "" || !event) { tip.hidden = true; return; }
    tip.replaceChildren(...Object.entries(value).map(([key, text]) => {
      const row = document.createElement("div");
      const name = document.createElement("b");
      name.textContent = key + ": ";
      row.append(name, String(text));
      return row;
    }));
    tip.hidden = false;
    const x = Math.min(event.clientX + 12, window.innerWidth - tip.offsetWidth - 8);
    const y = event.clientY + 16 + tip.offsetHeight > window.innerHeight ? event.clientY - tip.offsetHeight - 12 : event.clientY + 16;
    tip.style.left = `${Math.max(8, x) + window.scrollX}px`;
    tip.style.top = `${Math.max(8, y) + window.scrollY}px`;
  };

  // A tap (or a click) shows the tooltip of the point under the finger, or of the nearest point
  // within a fingertip (24 px): a phone fires no hover, and the points are 9 px wide.
  const FINGERTIP = 24;
  const nearestPoint = (view, event) => {
    const svg = view.container().querySelector("svg");
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    // The drawing starts at the view's origin, inside its padding.
    const [x0, y0] = view.origin();
    const pad = view.padding();
    const [left, top] = typeof pad === "number" ? [pad, pad] : [pad.left || 0, pad.top || 0];
    let best = null;
    let bestDistance = FINGERTIP;
    const visit = (mark, dx, dy) => mark.items.forEach((item) => {
      if (mark.marktype === "symbol" && item.tooltip) {
        const distance = Math.hypot(box.left + dx + item.x - event.clientX, box.top + dy + item.y - event.clientY);
        if (distance < bestDistance) { best = item; bestDistance = distance; }
      }
      if (mark.marktype === "group") (item.items || []).forEach((child) => visit(child, dx + (item.x || 0), dy + (item.y || 0)));
    });
    visit(view.scenegraph().root, x0 + left, y0 + top);
    return best;
  };
  const tapTip = (view) => (event, item) => {
    const point = item && item.tooltip ? item : nearestPoint(view, event);
    showTip(null, event, point, point && point.tooltip);
  };
  // A tap outside every chart puts the tooltip away.
  document.addEventListener("click", (event) => { if (!event.target.closest("[data-chart]")) tip.hidden = true; });

  // ------------------------------------------------------------------ drawing
  // fill() estimates the room the axes and end labels take; a drawing still wider than its box
  // (longer labels, another font) is narrowed by what overflows, so no page scrolls sideways.
  // The drawing's width is read from its attribute: measuring it on the page would make the
  // browser lay the whole page out before the first chart shows.
  const fitToBox = async (view, element, config, width) => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const overflow = Math.ceil(Number(element.querySelector("svg").getAttribute("width")) - width);
      if (overflow <= 0) return;
      if (config.kind === "small_multiples") {
        view.signal("child_width", view.signal("child_width") - Math.ceil(overflow / view.signal("columns")));
      } else view.width(view.width() - overflow);
      await view.runAsync();
    }
  };

  const draw = async (element) => {
    const name = element.dataset.chart;
    const config = payload.charts[name];
    const width = element.clientWidth;
    const rows = chartRows(config);
    const spec = fill(config, rows, width, theme);
    const previous = window.sitegenCharts[name];
    if (previous) previous.view.finalize();
    element.textContent = "";
    const view = new window.vega.View(window.vega.parse(spec), {
      renderer: "svg", container: element, hover: true, locale: { number: locale.format, time: locale.time },
    });
    view.tooltip(showTip);
    view.addEventListener("click", tapTip(view));
    window.sitegenCharts[name] = { spec, rows, view, width };
    try {
      await view.runAsync();
      await fitToBox(view, element, config, width);
      // One text alternative for the whole drawing (title and every highlighted figure); the
      // marks inside are hidden from screen readers, which get the figures from the table.
      const svg = element.querySelector("svg");
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", spec.description);
      Array.from(svg.children).forEach((child) => child.setAttribute("aria-hidden", "true"));
      element.dataset.rendered = "true";
      const exports = document.querySelector(`[data-exports="${name}"]`);
      if (exports) exports.hidden = false;
    } catch (error) {
      element.dataset.rendered = "error";
      console.error(error);
    }
  };

  const chartElements = [...document.querySelectorAll("[data-chart]")];
  let chartDrawn;
  const firstChartDrawn = new Promise((resolve) => { chartDrawn = resolve; });
  const nearView = new Set();
  let queue = [];
  let drawing = false;
  // Charts draw one at a time in the order they appear, those near the screen first, and the
  // browser paints between two charts: the first chart shows without waiting for the others.
  const drawQueued = async () => {
    if (drawing) return;
    drawing = true;
    while (queue.length) {
      const element = queue.find((e) => nearView.has(e)) || queue[0];
      queue = queue.filter((e) => e !== element);
      await draw(element);
      chartDrawn();
      await new Promise((resolve) => { setTimeout(resolve, 0); });
    }
    drawing = false;
  };
  const redraw = (elements) => {
    queue = [...new Set([...queue, ...elements])].sort((a, b) => chartElements.indexOf(a) - chartElements.indexOf(b));
    drawQueued();
  };
  if (!payload || !window.vega || !chartElements.length) chartDrawn();
  // No chart will be drawn (the Vega bundle did not load): the stills that a link's pick (?hl=)
  // hid until then are the best there is, default highlight and all.
  if (!payload || !window.vega) document.documentElement.classList.remove("picked");
  // ... and a chart with no still says why its box is empty, and where its figures are.
  if (payload && !window.vega) document.documentElement.classList.add("no-charts");
  if (payload && window.vega) {
    if ("IntersectionObserver" in window) {
      const observer = new IntersectionObserver((entries) => entries.forEach((e) => {
        if (e.isIntersecting) nearView.add(e.target); else nearView.delete(e.target);
      }), { rootMargin: "300px 0px" });
      chartElements.forEach((e) => observer.observe(e));
    }
    redraw(chartElements);
    // A screen turning dark or light redraws every chart in its colours.
    darkScreen.addEventListener("change", () => { theme = darkTheme(); redraw(chartElements); });
    // A rotated phone or a resized window: charts follow their column's new width.
    let resizing;
    window.addEventListener("resize", () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => redraw(chartElements.filter((e) => {
        const drawn = window.sitegenCharts[e.dataset.chart];
        return drawn && Math.abs(drawn.width - e.clientWidth) > 4;
      })), 200);
    });
  }

  // ------------------------------------------------------------------ the tables under crowded charts
  const fillTable = (name) => {
    const table = document.querySelector(`[data-chart-table="${name}"]`);
    if (!table) return;
    const rows = chartRows(payload.charts[name]).filter((r) => r.hl);
    table.tBodies[0].replaceChildren(...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.className = `kind-${r.kind}`;
      [r.series, r.kind_label, r.period_label, r.value_label, r.source_label].forEach((text, i) => {
        const td = document.createElement("td");
        td.textContent = text;
        if (i === 3) td.className = "num";
        tr.append(td);
      });
      return tr;
    }));
  };

  // ------------------------------------------------------------------ the locality picker
  const picker = document.querySelector("[data-picker]");
  if (picker && payload && window.vega) {
    picker.hidden = false;
    const boxes = [...picker.querySelectorAll("input[type=checkbox]")];
    const crowded = Object.entries(payload.charts).filter(([, c]) => c.many);
    const first = crowded[0][1].highlight;
    // Charts of one indicator share a default, shown ticked; the home page's differ by indicator.
    const shared = crowded.every(([, c]) => c.highlight.join() === first.join()) ? first : [];
    const status = picker.querySelector("[data-picker-status]");
    const sync = () => {
      const ticked = chosen || shared;
      boxes.forEach((b) => { b.checked = ticked.includes(b.value); });
    };
    const apply = () => {
      // ?hl=ha-noi,da-nang: ids are plain words, so the address stays readable.
      const others = new URLSearchParams(window.location.search);
      others.delete("hl");
      const query = [others.toString(), chosen ? `hl=${chosen.join(",")}` : ""].filter(Boolean).join("&");
      window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`);
      crowded.forEach(([name]) => fillTable(name));
      redraw(chartElements.filter((e) => payload.charts[e.dataset.chart].many));
      const names = boxes.filter((b) => b.checked).map((b) => b.parentElement.textContent.trim());
      status.textContent = `${picker.dataset.statusLabel} ${names.join(", ")}`;
    };
    sync();
    if (chosen) crowded.forEach(([name]) => fillTable(name));
    picker.addEventListener("change", (event) => {
      if (event.target.type !== "checkbox") return;
      chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      apply();
    });
    picker.querySelector("[data-picker-reset]").addEventListener("click", () => { chosen = null; sync(); apply(); });
    picker.querySelector("[data-picker-search]").addEventListener("input", (event) => {
      const query = fold(event.target.value.trim());
      boxes.forEach((b) => { b.closest("li").hidden = !fold(b.parentElement.textContent).includes(query); });
    });
  }

  // ------------------------------------------------------------------ downloads of a drawn chart
  // A download is for print and for other pages: always in light colours, even from a dark screen.
  const lightView = async (name, drawn) => {
    if (!theme) return drawn.view;
    const spec = fill(payload.charts[name], chartRows(payload.charts[name]), drawn.width, null);
    return new window.vega.View(window.vega.parse(spec), { renderer: "none", locale: { number: locale.format, time: locale.time } }).runAsync();
  };

  document.querySelectorAll("[data-exports]").forEach((box) => {
    box.addEventListener("click", async (event) => {
      const format = event.target.dataset && event.target.dataset.export;
      const drawn = window.sitegenCharts[box.dataset.exports];
      if (!format || !drawn) return;
      const link = document.createElement("a");
      link.download = `${box.dataset.exports}-${lang}.${format}`;
      const view = await lightView(box.dataset.exports, drawn);
      link.href = format === "png" ? await view.toImageURL("png", 2)
        : URL.createObjectURL(new Blob([await view.toSVG()], { type: "image/svg+xml" }));
      link.click();
    });
  });

  // ------------------------------------------------------------------ sortable, filterable tables
  const sortKey = (cell) => (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim());
  const compare = (a, b) => {
    const x = parseFloat(a); const y = parseFloat(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return a.localeCompare(b, lang);
  };
  const enhanceTables = () => document.querySelectorAll("table[data-sortable]").forEach((table) => {
    const body = table.tBodies[0];
    if (body.rows.length < 2) return;
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, column) => {
      // A button beside the heading (which may itself be a link) sorts by the column.
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = "↕";
      button.setAttribute("aria-label", `${table.dataset.sortLabel} ${th.textContent.trim()}`);
      th.append(" ", button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach((h) => { h.removeAttribute("aria-sort"); h.querySelector("button.sort").textContent = "↕"; });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        button.textContent = ascending ? "▲" : "▼";
        const rows = [...body.rows].sort((r1, r2) => {
          const a = sortKey(r1.cells[column]); const b = sortKey(r2.cells[column]);
          if (a === "" || b === "") return (a === "") - (b === "");   // empty cells last, either way
          return ascending ? compare(a, b) : compare(b, a);
        });
        body.append(...rows);
      });
    });
    if (body.rows.length > 10) {
      const label = document.createElement("label");
      label.className = "table-filter";
      const input = document.createElement("input");
      input.type = "search";
      input.autocomplete = "off";
      label.append(`${table.dataset.filterLabel} `, input);
      table.closest(".table-scroll").before(label);
      input.addEventListener("input", () => {
        const query = fold(input.value.trim());
        [...body.rows].forEach((row) => { row.hidden = !fold(row.cells[0].textContent).includes(query); });
      });
    }
  });

  // Printed pages show every table, folded or not.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details").forEach((d) => { d.dataset.wasOpen = d.open; d.open = true; });
  });
  window.addEventListener("afterprint", () => {
    document.querySelectorAll("details").forEach((d) => { d.open = d.dataset.wasOpen === "true"; });
  });

  // A table wider than its box scrolls sideways; say so, since phones hide scroll bars, and let
  // the keyboard reach the box (a focused box scrolls with the arrow keys), named by its table.
  const markScrollable = () => document.querySelectorAll(".table-scroll").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute("data-scrolls", scrolls);
    box.dataset.hint = document.body.dataset.scrollHint || "";
    const caption = box.querySelector("caption");
    const heading = box.closest("section, figure, details");
    const name = (caption || (heading && heading.querySelector("h2, h3, summary")) || box).textContent.trim().slice(0, 120);
    if (scrolls) Object.entries({ tabindex: "0", role: "region", "aria-label": name }).forEach(([k, v]) => box.setAttribute(k, v));
    else ["tabindex", "role", "aria-label"].forEach((k) => box.removeAttribute(k));
  });
  // Tables are made sortable, and measured (which makes the browser lay out the whole page),
  // once the first chart is drawn: that chart is what a reader waits for.
  firstChartDrawn.then(() => {
    enhanceTables();
    markScrollable();
    window.addEventListener("resize", markScrollable);
  });

  // ------------------------------------------------------------------ copy buttons
  // A button copies an element's text (data-copy: its id) or a text of its own (data-copy-text: a
  // citation, a permanent link). The outcome is shown at the end of the button's row and announced
  // (role=status); when the clipboard is not available (an http page, a refused permission) the
  // text is selected for copying by hand: the element's, or the button's shown in a box below.
  const statusOf = (button) => {
    const row = button.closest(".share-actions");
    let status = row ? row.querySelector(".copy-status") : button.nextElementSibling;
    if (!status || !status.classList.contains("copy-status")) {
      status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      if (row) row.append(status); else button.after(status);
    }
    return status;
  };
  const selectForHand = (button) => {
    let shown = document.getElementById(button.dataset.copy);
    if (!shown) {
      const row = button.closest(".share-actions") || button;
      shown = row.nextElementSibling && row.nextElementSibling.classList.contains("copy-fallback") ? row.nextElementSibling : null;
      if (!shown) {
        shown = document.createElement("p");
        shown.className = "copy-fallback";
        row.after(shown);
      }
      shown.textContent = button.dataset.copyText;
    }
    window.getSelection().selectAllChildren(shown);
  };
  const clearing = new WeakMap();
  const wireCopy = (button) => {
    const status = statusOf(button);
    const report = (copied) => {
      if (!copied) selectForHand(button);
      status.textContent = copied ? document.body.dataset.copied : document.body.dataset.copyFailed;
      status.dataset.failed = String(!copied);
      button.dataset.copied = String(copied);
      clearTimeout(clearing.get(status));
      if (copied) clearing.set(status, setTimeout(() => { status.textContent = ""; }, 4000));
    };
    button.addEventListener("click", () => {
      const text = button.dataset.copyText !== undefined ? button.dataset.copyText
        : document.getElementById(button.dataset.copy).textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(() => report(true), () => report(false));
      } else report(false);
    });
  };
  document.querySelectorAll("button.copy").forEach(wireCopy);

  // A chart's Embed button opens its panel: the page's one snippet (template#embed-panel, written
  // by the build) with this chart's embed page and title filled in, made on the first click.
  const attribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const embedPanel = (button) => {
    const id = button.dataset.embed;
    const template = document.getElementById("embed-panel");
    const panel = template.content.firstElementChild.cloneNode(true);
    const title = button.closest("figcaption").querySelector("strong").textContent;
    panel.id = `embed-${id}`;
    panel.hidden = true;
    panel.querySelector("a").href = button.dataset.embedPreview;
    const code = panel.querySelector("pre.snippet");
    code.id = `embed-code-${id}`;
    code.textContent = template.dataset.snippet.replace("{src}", attribute(button.dataset.embedSrc))
      .replace("{title}", attribute(title));
    const copy = panel.querySelector("button.copy");
    copy.dataset.copy = code.id;
    button.closest(".share-actions").after(panel);
    wireCopy(copy);
    button.setAttribute("aria-controls", panel.id);
    return panel;
  };
  document.querySelectorAll("button.copy-toggle[data-embed]").forEach((button) => {
    button.addEventListener("click", () => {
      const panel = document.getElementById(`embed-${button.dataset.embed}`) || embedPanel(button);
      panel.hidden = !panel.hidden;
      button.setAttribute("aria-expanded", String(!panel.hidden));
    });
  });

  // ------------------------------------------------------------------ an embedded chart
  // In another site's iframe, the embed page tells its parent how tall it is whenever that
  // changes (the chart drawn, the frame narrowed); assets/embed.js sets the iframe's height.
  if (document.body.dataset.embed && window.parent !== window && "ResizeObserver" in window) {
    const post = () => window.parent.postMessage({ type: "sitegen:height", chart: document.body.dataset.embed,
      height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*");
    new ResizeObserver(post).observe(document.body);
  }
})();
