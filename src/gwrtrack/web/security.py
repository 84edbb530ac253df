"""What every response of the app carries: a Host allow-list and security headers.

- Host: a request whose Host header is not one of the allowed names is refused (400). A server bound to
  127.0.0.1 is otherwise reachable from any web page through DNS rebinding. ``GWR_ALLOWED_HOSTS`` (comma
  separated) adds names; ``gwr serve --host NAME`` adds the name it binds to.
- Size: a request declaring a body larger than the upload limit is refused (413) before it is read.
- Headers: a Content-Security-Policy that loads scripts, styles and images from the app only and forbids
  framing (frame-ancestors), X-Content-Type-Options nosniff, and a same-origin referrer policy.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

#: Names a server on this machine is reached by.
LOCAL_HOSTS = ("127.0.0.1", "localhost")
#: The vendored scripts (htmx, ECharts, Swagger UI) and the pages' small inline ones and styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def install(app: FastAPI, allowed_hosts: Sequence[str], max_body: int) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if _declared_length(request) > max_body:  # refused before a byte of the body is read
            response: Response = PlainTextResponse(
                f"请求太大：上传的文件不能超过 {max_body // (1024 * 1024)} MB", status_code=413
            )
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(dict.fromkeys([*LOCAL_HOSTS, *allowed_hosts])))


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length", "0"))
    except ValueError:
        return 0
