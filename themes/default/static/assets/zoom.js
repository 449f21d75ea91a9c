// Photos open larger without JavaScript (partials/zoom.html: a <details>
// element); with it, Escape closes an open photo too, and focus goes back
// to the photo that was opened.
document.addEventListener("keydown", function (e) {
  if (e.key !== "Escape") return;
  document.querySelectorAll("details.zoom[open]").forEach(function (d) {
    d.open = false;
    d.querySelector("summary").focus();
  });
});
