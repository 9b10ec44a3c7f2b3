/* Small page behaviours bound by data attributes, so that no page needs an inline event handler
   (the Content-Security-Policy allows scripts from this site only):
   data-autosubmit   on a control: submit its form when it changes;
   data-print        on a button: print the page;
   data-check-all="NAME"  on a checkbox: set every checkbox named NAME to its state. */
document.addEventListener("change", function (e) {
  const el = e.target;
  if (el.matches && el.matches("[data-autosubmit]") && el.form) el.form.submit();
});
document.addEventListener("click", function (e) {
  const el = e.target.closest ? e.target.closest("[data-print], [data-check-all]") : null;
  if (!el) return;
  if (el.hasAttribute("data-print")) { window.print(); return; }
  const name = el.getAttribute("data-check-all");
  document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (b) { b.checked = el.checked; });
});
