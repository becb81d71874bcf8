// Every htmx request carries the CSRF token as a header: Spring Security refuses unsafe requests without it.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
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
