// The applicant board's drag and drop, a progressive enhancement over each card's move form
// (POL-AP-003): dropping a card on a column picks that stage in the card's own form and
// submits it, so the server sees exactly what the keyboard way sends. Columns the card may
// not move to (the transition table, as the form's options say) do not accept the drop.
(function () {
  "use strict";
  const board = document.querySelector("[data-board]");
  if (!board) return;

  const stageSelect = (card) => card && card.querySelector("select[name$='-stage']");
  const offers = (select, stage) =>
    Array.prototype.some.call(select.options, (option) => option.value === stage);
  const clearMarks = () =>
    board.querySelectorAll(".drop-ok").forEach((column) => column.classList.remove("drop-ok"));

  board.querySelectorAll(".board-card[data-application]").forEach((card) => {
    const select = stageSelect(card);
    if (!select) return;
    card.draggable = true;
    card.classList.add("is-draggable");
    card.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", card.id);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("is-dragging");
      board.querySelectorAll(".board-column").forEach((column) => {
        column.classList.toggle("drop-ok", offers(select, column.dataset.stage));
      });
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("is-dragging");
      clearMarks();
    });
  });

  board.querySelectorAll(".board-column").forEach((column) => {
    column.addEventListener("dragover", (event) => {
      if (column.classList.contains("drop-ok")) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }
    });
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      const card = document.getElementById(event.dataTransfer.getData("text/plain"));
      const select = stageSelect(card);
      clearMarks();
      if (!select || !offers(select, column.dataset.stage)) return;
      select.value = column.dataset.stage;
      select.form.requestSubmit();
    });
  });
})();
