// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The language form submits on change when scripts run; the button stays for keyboards.
  const lang = document.getElementById("lang-select");
  if (lang) lang.addEventListener("change", () => lang.form.submit());

  // Browsers without ::details-content cannot show a closed <details> by CSS: on wide
  // screens open the header menu and the filters, which CSS shows there anyway.
  const wide = window.matchMedia("(min-width: 960px)");
  if (wide.matches) {
    document.querySelectorAll(".site-menu, .filters-panel").forEach((d) => { d.open = true; });
  }

  // A filter form sends its empty fields too; leave them out so URLs carry only what is set.
  document.querySelectorAll("form.filters, form.search-inline").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((field) => {
        if ((field.type === "checkbox" && !field.checked) || field.value === "") field.disabled = true;
      });
    });
  });

  document.querySelectorAll(".banner[data-rotate]").forEach(rotateBanner);
});

// The home banner (POL-J-005) rotates every few seconds when several jobs hold it. It stops
// while pointed at or focused, for people who prefer less motion, and with its pause button.
function rotateBanner(banner) {
  const track = banner.querySelector(".banner-track");
  const slides = banner.querySelectorAll(".banner-slide");
  const dots = banner.querySelectorAll(".banner-dots a");
  if (slides.length < 2 || window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  let index = 0;
  let paused = false;
  let hovered = false;
  const show = (next) => {
    index = (next + slides.length) % slides.length;
    track.scrollTo({ left: slides[index].offsetLeft - track.offsetLeft, behavior: "smooth" });
    dots.forEach((dot, i) => dot.setAttribute("aria-current", String(i === index)));
  };
  dots.forEach((dot, i) => dot.addEventListener("click", (event) => { event.preventDefault(); show(i); }));
  const pause = document.createElement("button");
  pause.type = "button";
  pause.className = "btn btn-small banner-pause";
  const label = () => { pause.textContent = paused ? banner.dataset.playLabel : banner.dataset.pauseLabel; };
  pause.addEventListener("click", () => { paused = !paused; label(); });
  label();
  banner.appendChild(pause);
  banner.addEventListener("mouseenter", () => { hovered = true; });
  banner.addEventListener("mouseleave", () => { hovered = false; });
  setInterval(() => {
    if (!paused && !hovered && !banner.contains(document.activeElement)) show(index + 1);
  }, Number(banner.dataset.rotate) || 6000);
}
