// Workshop mode: keyboard moves through the entry grid, spreadsheet paste fills it, and the
// live match board does not refresh while the facilitator is typing in it.
(function () {
  "use strict";

  function grid() {
    return document.getElementById("workshop-grid");
  }

  function cellsOf(row) {
    return Array.prototype.slice.call(row.querySelectorAll("input, select"));
  }

  function addRow() {
    var body = grid().tBodies[0];
    var last = body.rows[body.rows.length - 1];
    var copy = last.cloneNode(true);
    cellsOf(copy).forEach(function (cell) {
      if (cell.tagName === "SELECT") {
        cell.selectedIndex = cell.name === "period" ? indexOf(cell, "year") : 0;
      } else {
        cell.value = "";
      }
    });
    body.appendChild(copy);
    return copy;
  }

  function indexOf(select, text) {
    var wanted = String(text).trim().toLowerCase();
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (option.value.toLowerCase() === wanted || option.text.trim().toLowerCase() === wanted) {
        return i;
      }
    }
    return -1;
  }

  function setCell(cell, text) {
    if (cell.tagName === "SELECT") {
      var found = indexOf(cell, text);
      if (found >= 0) cell.selectedIndex = found;
    } else {
      cell.value = text.trim();
    }
  }

  function position(cell) {
    var row = cell.closest("tr");
    return { row: row, column: cellsOf(row).indexOf(cell) };
  }

  document.addEventListener("keydown", function (event) {
    var cell = event.target;
    if (!grid() || !grid().contains(cell) || event.key !== "Enter") return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      cell.form.requestSubmit();
      return;
    }
    var at = position(cell);
    var next = at.row.nextElementSibling || addRow();
    cellsOf(next)[at.column].focus();
  });

  document.addEventListener("paste", function (event) {
    var cell = event.target;
    if (!grid() || !grid().contains(cell)) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") < 0 && text.indexOf("\n") < 0) return;
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
    var at = position(cell);
    var row = at.row;
    lines.forEach(function (line, index) {
      if (index > 0) row = row.nextElementSibling || addRow();
      var cells = cellsOf(row);
      line.split("\t").forEach(function (value, offset) {
        var target = cells[at.column + offset];
        if (target) setCell(target, value);
      });
    });
  });

  document.addEventListener("click", function (event) {
    if (event.target.id !== "workshop-add-row") return;
    cellsOf(addRow())[1].focus();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var board = document.getElementById("workshop-board");
    var typing = board && board.contains(document.activeElement);
    if (event.detail.elt === board && typing) event.preventDefault();
  });

  document.addEventListener("htmx:afterSwap", function () {
    if (document.getElementById("entry-saved") && grid()) {
      cellsOf(grid().tBodies[0].rows[0])[1].focus();
    }
  });
})();
