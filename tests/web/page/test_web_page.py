"""The page's files: every module it imports is served, as JavaScript, from the package."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_every_module_of_the_page_is_served(client: TestClient) -> None:
    seen: set[str] = set()
    todo = ["/static/main.js"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "javascript" in answer.headers["content-type"], path
        todo += ["/static/" + name for name in re.findall(r'from "\./([\w.-]+)"', answer.text)]
    assert {"/static/store.js", "/static/runner.js", "/static/export-dialog.js"} <= seen
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "prefers-color-scheme: dark" in css.text
