"""The web app (FastAPI, server-rendered Jinja2, htmx, ECharts): 文库, 阅读, 数据, 指标, 搜索, API."""
