// The header's account menu (Portal/Shared/_AccountNav.cshtml) is a <details> element: it opens and closes
// without this file. On a wide screen it covers the page, so this adds what a menu is expected to do as well:
// Escape closes it and puts focus back on its summary; a click or focus elsewhere closes it.
(function () {
  'use strict';

  var menus = document.querySelectorAll('details.nav-menu');

  function closeOutside(target) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(target)) {
        menu.open = false;
      }
    });
  }

  document.addEventListener('click', function (event) {
    closeOutside(event.target);
  });

  document.addEventListener('focusin', function (event) {
    closeOutside(event.target);
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }

    menus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        if (menu.contains(document.activeElement)) {
          menu.querySelector('summary').focus();
        }
      }
    });
  });
})();
