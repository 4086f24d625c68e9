// Progressive enhancement for the register page: the company field shows only for
// recruiters. Without JavaScript it is always shown and labelled "Required for recruiters".
document.addEventListener("DOMContentLoaded", () => {
  const company = document.getElementById("id_company_name");
  const roles = document.querySelectorAll("input[name=role]");
  if (!company || roles.length === 0) return;
  const field = company.closest(".field");
  const sync = () => {
    const chosen = document.querySelector("input[name=role]:checked");
    const recruiter = chosen && chosen.value === "recruiter";
    field.hidden = !recruiter;
    company.required = Boolean(recruiter);
  };
  roles.forEach((role) => role.addEventListener("change", sync));
  sync();
});

// A show-password button beside every password field (progressive enhancement: without
// JavaScript the fields stay masked and no button appears). It changes only the input's type.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[type=password]").forEach((input) => {
    // The form carries the labels in the page's language.
    const labels = (input.form && input.form.dataset) || {};
    const show = labels.showPassword || "Show password";
    const hide = labels.hidePassword || "Hide password";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-small password-toggle";
    button.setAttribute("aria-controls", input.id);
    button.setAttribute("aria-pressed", "false");
    button.textContent = show;
    button.addEventListener("click", () => {
      const visible = input.type === "password";
      input.type = visible ? "text" : "password";
      button.textContent = visible ? hide : show;
      button.setAttribute("aria-pressed", String(visible));
    });
    input.insertAdjacentElement("afterend", button);
  });
});
