// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The language form submits on change when scripts run; the button stays for keyboards.
  const lang = document.getElementById("lang-select");
  if (lang) lang.addEventListener("change", () => lang.form.submit());
});
