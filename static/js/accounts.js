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
