"""/api/docs: the OpenAPI page, served from vendored Swagger UI so that it works offline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

OPENAPI_URL = "/api/v1/openapi.json"
SWAGGER_VERSION = "5.35.0"
router = APIRouter(include_in_schema=False)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title="gwrtrack API 文档",
        swagger_js_url=f"/static/vendor/swagger-ui-bundle-{SWAGGER_VERSION}.js",
        swagger_css_url=f"/static/vendor/swagger-ui-{SWAGGER_VERSION}.css",
        swagger_favicon_url="/static/favicon.svg",
    )
