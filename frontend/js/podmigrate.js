// Every htmx request carries the CSRF token as a header: Spring Security refuses unsafe requests without it.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A file over the upload limit is refused before it is sent: the server could only refuse it once the limit's worth had arrived.
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.target;
  var input = form.dataset && form.dataset.maxBytes && form.querySelector("input[type=file]");
  if (input && input.files.length > 0 && input.files[0].size > Number(form.dataset.maxBytes)) {
    event.preventDefault();
    form.querySelector(".upload-too-large").hidden = false;
  }
});

// An upload's progress bar follows the bytes sent.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = event.target.querySelector && event.target.querySelector("progress.upload-progress");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.max = event.detail.total;
    bar.value = event.detail.loaded;
  }
});

// A button with data-copy-target copies that element's text; outside HTTPS the browser has no clipboard API, so the
// text is selected and copied the old way.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy-target]");
  var source = button && document.querySelector(button.dataset.copyTarget);
  if (!source) {
    return;
  }
  var done = function () {
    var label = button.textContent;
    button.textContent = button.dataset.copied;
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.textContent).then(done);
  } else {
    window.getSelection().selectAllChildren(source);
    if (document.execCommand("copy")) {
      done();
    }
  }
});
