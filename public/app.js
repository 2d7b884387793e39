// Small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  var root = document.documentElement;

  // Sidebar collapse on wide screens, remembered in this browser.
  if (localStorage.getItem('tollgate.sidebar') === 'collapsed') root.classList.add('sidebar-collapsed');
  document.addEventListener('click', function (event) {
    var toggle = event.target.closest('[data-collapse-sidebar]');
    if (toggle) {
      var collapsed = root.classList.toggle('sidebar-collapsed');
      localStorage.setItem('tollgate.sidebar', collapsed ? 'collapsed' : 'expanded');
      return;
    }
    // Whole table rows are links when the row says where to go (but real links inside win).
    var row = event.target.closest('tr[data-href]');
    if (row && !event.target.closest('a, button, input, select'))
      window.location.href = row.getAttribute('data-href');
  });

  // The theme switch posts through htmx; apply the saved theme without reloading.
  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest('[data-theme-toggle]');
    if (!form || !event.detail.successful) return;
    var theme = JSON.parse(event.detail.xhr.responseText).theme;
    root.setAttribute('data-theme', theme);
    form.querySelector('input[name=theme]').value = theme === 'dark' ? 'light' : 'dark';
  });

  // Toasts fade out after a few seconds.
  function fadeToasts() {
    document.querySelectorAll('.toast').forEach(function (toast) {
      setTimeout(function () {
        toast.classList.add('toast-hide');
      }, 4000);
    });
  }
  document.addEventListener('DOMContentLoaded', fadeToasts);
})();
