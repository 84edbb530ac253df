// 阅读: open a figure with the keyboard too, and add a missed figure from a text selection.
(function () {
  const text = document.getElementById("text");
  const button = document.getElementById("add-selection"); // only for those who may add a figure
  if (!text) return;
  // One handler for every figure: its id is f<figure id>.
  function open(el) {
    htmx.ajax("GET", `/figure/${el.id.slice(1)}`, { target: "#detail" });
  }
  text.addEventListener("click", (e) => {
    const el = e.target.closest(".fig");
    if (el && window.getSelection().isCollapsed) open(el);
  });
  // The detail's 关闭 button (on a phone the detail is a sheet over the text).
  document.getElementById("detail").addEventListener("click", (e) => {
    const card = e.target.closest(".close") && e.target.closest(".card");
    if (card) card.remove();
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.classList.contains("fig")) open(e.target);
  });
  // Character offset of a DOM point inside #text (the text content is the document text).
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  if (!button) return;
  let selection = null;
  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode)) { button.hidden = true; return; }
    const r = sel.getRangeAt(0);
    const start = offsetOf(r.startContainer, r.startOffset);
    const end = offsetOf(r.endContainer, r.endOffset);
    selection = { start: Math.min(start, end), end: Math.max(start, end) };
    button.hidden = selection.end - selection.start > 64;
  });
  button.addEventListener("click", () => {
    if (!selection) return;
    htmx.ajax("POST", `/doc/${text.dataset.doc}/figures`, {
      target: "#detail", values: { start: selection.start, end: selection.end },
    }).then(() => window.location.reload());
  });
})();
