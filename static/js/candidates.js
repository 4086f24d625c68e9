// 스크랩 without a page load (POL-S-002): the save form still works without this script.
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-save-job")) {
            return;
        }
        event.preventDefault();
        var action = form.querySelector("input[name=action]");
        var button = form.querySelector("button");
        button.disabled = true;
        // getAttribute: the form's `action` property is shadowed by its input named "action".
        fetch(form.getAttribute("action"), {
            method: "POST",
            body: new FormData(form),
            headers: { Accept: "application/json" },
            credentials: "same-origin",
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (data) {
                action.value = data.saved ? "unsave" : "save";
                button.setAttribute("aria-pressed", data.saved ? "true" : "false");
                button.querySelector(".save-icon").textContent = data.saved ? "★" : "☆";
                document.querySelectorAll("[data-saved-count]").forEach(function (badge) {
                    badge.textContent = String(data.count);
                });
                button.disabled = false;
            })
            .catch(function () {
                form.submit(); // let the server answer as it does without script
            });
    });
})();
