// Small behaviours the pages share. No inline scripts: the CSP forbids them.
document.addEventListener("click", (event) => {
  const confirmer = event.target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.dataset.confirm)) {
    event.preventDefault();
  }
  const copier = event.target.closest("[data-copy]");
  if (copier) {
    const target = document.querySelector(copier.dataset.copy);
    if (target && navigator.clipboard) navigator.clipboard.writeText(target.textContent.trim());
  }
});
