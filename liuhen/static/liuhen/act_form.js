/* 留痕 act forms: once a method is chosen (送达方式), dim the statements that belong to other
   methods. Nothing is hidden or disabled: the plain form works without this script. */
(function () {
  "use strict";
  function update(form) {
    var method = form.querySelector("select[name=method]");
    if (!method) { return; }
    form.querySelectorAll("[data-when-method]").forEach(function (input) {
      var wanted = input.getAttribute("data-when-method").split(" ");
      var label = input.closest("label") || input;
      var off = method.value !== "" && wanted.indexOf(method.value) === -1;
      label.classList.toggle("not-for-method", off);
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[name=method]")) {
      update(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(update);
  });
})();
