// htmx requests carry the page's CSRF token, as the forms do
document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name='_csrf']");
    var header = document.querySelector("meta[name='_csrf_header']");
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});

// Self-refreshing sections poll only while someone uses the page: a tab left open would otherwise keep its session
// alive forever and defeat the idle sign-out (server.servlet.session.timeout)
var lastUserActivity = Date.now();
["keydown", "pointerdown", "pointermove", "wheel", "scroll"].forEach(function (type) {
    document.addEventListener(type, function () { lastUserActivity = Date.now(); }, {passive: true});
});
function userActive() {
    return Date.now() - lastUserActivity < 25 * 60 * 1000;
}
