// For sites that embed a chart (README, "Citations, permalinks and embeds"): the chart's page, in
// an <iframe data-sitegen-embed>, posts its height whenever it changes ({type: "sitegen:height",
// height}); this script sets that height on the iframe the message came from, so the chart shows
// whole, without a scroll bar, at any width. It accepts only messages from an embedded iframe's own
// window and origin, of that shape, with a sensible height. Included twice, it listens once.
(() => {
  if (window.sitegenEmbedHeights) return;
  window.sitegenEmbedHeights = true;
  const MAX_HEIGHT = 10000;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "sitegen:height") return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    document.querySelectorAll("iframe[data-sitegen-embed]").forEach((frame) => {
      if (frame.contentWindow !== event.source) return;
      if (new URL(frame.src, document.baseURI).origin !== event.origin) return;
      frame.style.height = `${Math.ceil(height)}px`;
    });
  });
})();
