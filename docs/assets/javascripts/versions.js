/* An amended provision's versions (render/versions.py): the form that compares any two
   versions opens the page of that pair; the form on versions/ opens the notice as it
   stood on the day chosen (the last day its text changed on or before it). Without
   JavaScript both forms stay hidden: the pages they open are linked beside them. */
(function () {
  "use strict";

  function compareForm(form) {
    var pattern = form.getAttribute("data-pattern");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = form.elements.earlier.value;
      var b = form.elements.later.value;
      if (a === b) return;
      if (a > b) { var t = a; a = b; b = t; }
      window.location.href = pattern.replace("EARLIER", a).replace("LATER", b);
    });
  }

  function dayForm(form) {
    var pattern = form.getAttribute("data-pattern");
    var days = form.getAttribute("data-days").split(" ");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.elements.day.value;
      if (!chosen) return;
      var found = days[0];
      days.forEach(function (day) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && day <= chosen) found = day;
      });
      window.location.href = pattern.replace("DAY", found);
    });
  }

  document.querySelectorAll("form.tm-compare-form").forEach(compareForm);
  document.querySelectorAll("form.tm-day-form").forEach(dayForm);
})();
