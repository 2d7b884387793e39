// Small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  var root = document.documentElement;

  // Sidebar collapse on wide screens, remembered in this browser.
  function showCollapsed(collapsed) {
    root.classList.toggle('sidebar-collapsed', collapsed);
    document.querySelectorAll('[data-collapse-sidebar]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(collapsed));
    });
  }
  showCollapsed(localStorage.getItem('tollgate.sidebar') === 'collapsed');
  document.addEventListener('click', function (event) {
    var toggle = event.target.closest('[data-collapse-sidebar]');
    if (toggle) {
      var collapsed = !root.classList.contains('sidebar-collapsed');
      showCollapsed(collapsed);
      localStorage.setItem('tollgate.sidebar', collapsed ? 'collapsed' : 'expanded');
      return;
    }
    // Whole table rows are links when the row says where to go (but real links inside win).
    var row = event.target.closest('tr[data-href]');
    if (row && !event.target.closest('a, button, input, select'))
      window.location.href = row.getAttribute('data-href');
  });

  // The theme switch posts the theme it switches to. With no saved choice ('auto') the server
  // cannot know the device's theme and offers 'dark'; on a dark device that would change nothing,
  // so offer the opposite of what is actually shown. (A hidden input's value is its attribute,
  // which app.css reads to pick the sun or moon icon.)
  var themeInput = document.querySelector('[data-theme-toggle] input[name=theme]');
  var prefersDark = window.matchMedia('(prefers-color-scheme: dark)');
  function offerOppositeOfDevice() {
    if (themeInput && root.getAttribute('data-theme') === 'auto')
      themeInput.value = prefersDark.matches ? 'light' : 'dark';
  }
  offerOppositeOfDevice();
  prefersDark.addEventListener('change', offerOppositeOfDevice);

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
