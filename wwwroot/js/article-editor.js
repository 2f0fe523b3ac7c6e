// Progressive enhancement of the article body on /admin/berita (Portal/Admin/News/Edit.cshtml).
// Without this file or without JavaScript the body is a plain textarea, and the "Pratinjau"
// button shows the rendered body. With it, EasyMDE edits the Markdown and its preview comes
// from the server: the same renderer and sanitizer as the public page, never a second one.
(function () {
  'use strict';

  var textarea = document.querySelector('textarea.article-markdown');
  if (!textarea || typeof window.EasyMDE !== 'function' || typeof window.fetch !== 'function') {
    return;
  }

  var form = textarea.form;
  var previewUrl = textarea.getAttribute('data-preview-url');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var label = document.querySelector('label[for="' + textarea.id + '"]');
  var renderedText = null;
  var renderedHtml = '';
  var timer = null;

  // Asks the server to render at most every 400 ms while typing; the preview keeps the last
  // rendering until the new one arrives.
  function renderOnServer(text, preview) {
    if (text === renderedText) {
      return;
    }

    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var body = new FormData();
      body.append('markdown', text);
      window.fetch(previewUrl, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'RequestVerificationToken': token ? token.value : '' }
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      }).then(function (html) {
        renderedText = text;
        renderedHtml = html;
        preview.innerHTML = html;
      }).catch(function () {
        preview.textContent = 'Pratinjau tidak dapat dimuat. Gunakan tombol "Pratinjau" di samping formulir.';
      });
    }, 400);
  }

  function button(name, action, text, title, noDisable) {
    return { name: name, action: action, text: text, title: title, className: 'mde-' + name, noDisable: !!noDisable };
  }

  var editor = new window.EasyMDE({
    element: textarea,
    forceSync: true,
    autoDownloadFontAwesome: false,
    spellChecker: false,
    nativeSpellcheck: true,
    inputStyle: 'contenteditable',
    status: false,
    minHeight: '22rem',
    sideBySideFullscreen: false,
    promptURLs: true,
    promptTexts: { link: 'Alamat tautan (https://…):', image: 'Alamat gambar:' },
    previewClass: ['editor-preview', 'article-body'],
    toolbar: [
      button('bold', window.EasyMDE.toggleBold, 'B', 'Tebal'),
      button('italic', window.EasyMDE.toggleItalic, 'I', 'Miring'),
      button('heading', window.EasyMDE.toggleHeadingSmaller, 'Subjudul', 'Subjudul'),
      '|',
      button('quote', window.EasyMDE.toggleBlockquote, 'Kutipan', 'Kutipan'),
      button('unordered-list', window.EasyMDE.toggleUnorderedList, '• Daftar', 'Daftar butir'),
      // A button's visible text must be part of its name (EasyMDE names it by the title) for people who
      // operate it by voice ("klik Daftar bernomor"); "1. Daftar" is not part of "Daftar bernomor".
      button('ordered-list', window.EasyMDE.toggleOrderedList, 'Daftar bernomor', 'Daftar bernomor'),
      button('link', window.EasyMDE.drawLink, 'Tautan', 'Sisipkan tautan'),
      '|',
      button('preview', window.EasyMDE.togglePreview, 'Pratinjau', 'Pratinjau', true),
      button('side-by-side', window.EasyMDE.toggleSideBySide, 'Berdampingan', 'Tulis dan pratinjau berdampingan', true),
      button('fullscreen', window.EasyMDE.toggleFullScreen, 'Layar penuh', 'Layar penuh', true)
    ],
    previewRender: function (text, preview) {
      renderOnServer(text, preview);
      return text === renderedText ? renderedHtml : (renderedHtml || 'Memuat pratinjau…');
    }
  });

  // The label of the original textarea names the editor for screen readers too.
  if (label) {
    editor.codemirror.getInputField().setAttribute('aria-label', label.textContent.trim());
  }
}());
