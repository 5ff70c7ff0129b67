// Shows how many votes a participant has left while filling in the ballot.
(function () {
  "use strict";
  function update() {
    var ballot = document.getElementById("ballot");
    var left = document.getElementById("votes-left");
    if (!ballot || !left) { return; }
    var allowance = parseInt(ballot.getAttribute("data-allowance"), 10) || 0;
    var used = 0;
    ballot.querySelectorAll("input.vote-input").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value) && value > 0) { used += value; }
    });
    var remaining = allowance - used;
    left.textContent = remaining >= 0 ? String(remaining) : left.getAttribute("data-label-over") + " (" + remaining + ")";
    left.classList.toggle("over", remaining < 0);
  }
  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("vote-input")) { update(); }
  });
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("htmx:afterSwap", update);
})();
