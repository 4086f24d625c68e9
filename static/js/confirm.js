// POL-J-008: publishing, closing and reopening a job ask for confirmation. Without scripts
// the links lead to a confirmation page; here the same page's panel opens in a <dialog>,
// fetched from the link, so its form (CSRF token, deadline field, warnings) is the server's.
(() => {
  if (!("HTMLDialogElement" in window)) return;

  function dialogFor(id) {
    let dialog = document.getElementById(id);
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = id;
      dialog.className = "confirm-dialog";
      document.body.append(dialog);
    }
    return dialog;
  }

  async function openConfirmation(link) {
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`confirmation page answered ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const panel = page.querySelector("[data-confirm-panel]");
    if (!panel) throw new Error("no confirmation panel");
    const dialog = dialogFor("confirm-dialog");
    dialog.replaceChildren(document.importNode(panel, true));
    dialog.setAttribute("aria-labelledby", "confirm-heading");
    dialog.showModal();
    const first = dialog.querySelector("input:not([type=hidden]), button[type=submit]");
    if (first) first.focus();
  }

  document.addEventListener("click", (event) => {
    const cancel = event.target.closest("dialog [data-confirm-cancel], dialog [data-dialog-close]");
    if (cancel) {
      event.preventDefault();
      cancel.closest("dialog").close();
      return;
    }
    const link = event.target.closest("a[data-confirm]");
    if (link) {
      event.preventDefault();
      // Any trouble (offline, an error page): follow the link to the plain confirmation page.
      openConfirmation(link).catch(() => { window.location.href = link.href; });
      return;
    }
    const opener = event.target.closest("button[data-confirm-dialog]");
    if (opener) {
      const dialog = document.getElementById(opener.dataset.confirmDialog);
      if (dialog) {
        event.preventDefault();
        dialog.showModal();
      }
    }
  });
})();
