"""Errors of the pages in the site's layout and in Chinese; the JSON API keeps FastAPI's JSON answers."""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from gwrtrack.labels import label
from gwrtrack.web.deps import render

#: What a page says for an HTTP status when the handler gave no Chinese reason.
STATUS_ZH = {
    400: "请求有误",
    403: "没有权限",
    404: "页面不存在",
    405: "不支持这种请求方式",
    413: "文件太大",
    422: "填写的内容有误",
    429: "请求太频繁，请稍后再试",
    500: "服务器出错，请稍后再试",
}
#: pydantic's error types, as a person would say them.
VALIDATION_ZH = {
    "missing": "必填",
    "int_parsing": "须为整数",
    "float_parsing": "须为数字",
    "bool_parsing": "须为是或否",
    "string_too_long": "太长",
    "string_too_short": "不能为空",
    "greater_than_equal": "太小",
    "less_than_equal": "太大",
}
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def validation_message(exc: RequestValidationError) -> str:
    """One line: 字段：原因；… (field names through the label table)."""
    parts = []
    for error in exc.errors():
        loc = [str(x) for x in error.get("loc", ()) if x not in ("body", "query", "path", "form")]
        field = label("field", loc[-1]) if loc else "请求"
        parts.append(f"{field}：{VALIDATION_ZH.get(str(error.get('type')), '格式不对')}")
    return "；".join(parts) or STATUS_ZH[422]


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_api(request):
            return await http_exception_handler(request, exc)
        detail = str(exc.detail) if exc.detail and CJK_RE.search(str(exc.detail)) else ""
        message = detail or STATUS_ZH.get(exc.status_code, f"出错了（{exc.status_code}）")
        return render(request, "error.html", status_code=exc.status_code, code=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        message = validation_message(exc)
        return render(request, "error.html", status_code=422, code=422, message=message)
