"""The HTTP API through FastAPI's test client: each endpoint, each bad input."""

from __future__ import annotations

import asyncio
import io
import itertools
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from PIL import Image

import facemoji
from facemoji.errors import BadImage, InvalidParams, NoFaceFound, UnknownName, UnknownOption
from facemoji.web import WebConfig, create_app
from facemoji.web.errors import Busy, TimeLimit, WorkerLost, status_for
from facemoji.web.uploads import UploadError

from .conftest import BASE_URL


def _render(client: TestClient, **body: object) -> httpx.Response:
    return client.post("/api/render", json=body)


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert isinstance(message, str) and message and "Traceback" not in message
    return message


# -- styles ---------------------------------------------------------------------------


def test_styles_lists_every_registered_style(client: TestClient) -> None:
    names = [s["name"] for s in client.get("/api/styles").json()["styles"]]
    assert names == facemoji.list_styles()


def test_schema_describes_the_style(client: TestClient) -> None:
    data = client.get("/api/styles/facemoji/schema").json()
    assert data == facemoji.get_style("facemoji").schema.describe()
    assert {f["kind"] for f in data["features"]} == {"choice", "scalar", "color"}


def test_unknown_style_schema_is_404(client: TestClient) -> None:
    assert "valid styles" in _error(client.get("/api/styles/nope/schema"), 404)


def test_page_and_openapi_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'src="/static/main.js"' in page.text
    assert client.get("/static/main.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/styles", "/api/render", "/api/generate", "/api/analyze", "/api/config",
            "/api/jobs", "/api/jobs/{job_id}", "/api/photos/check", "/api/health"} <= set(paths)
    for path in ("/api/generate", "/api/jobs"):
        body = paths[path]["post"]["requestBody"]["content"]["multipart/form-data"]
        assert "photos" in body["schema"]["properties"]
    render = paths["/api/render"]["post"]["requestBody"]["content"]["application/json"]
    assert {"params", "format", "size", "crop"} <= set(render["schema"]["properties"])
    assert {"get", "delete"} <= set(paths["/api/jobs/{job_id}"])


def test_api_docs_are_served_locally(client: TestClient) -> None:
    pytest.importorskip("fastapi_offline")
    page = client.get("/docs").text
    script = next(line for line in page.splitlines() if "swagger-ui-bundle.js" in line)
    assert "//" not in script.split("src=")[-1].split("swagger-ui-bundle")[0]  # no CDN host
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_unknown_route_is_json_404(client: TestClient) -> None:
    _error(client.get("/api/nothing"), 404)


# -- render ---------------------------------------------------------------------------


def test_render_svg_matches_the_python_api(client: TestClient) -> None:
    params = facemoji.get_style("facemoji").schema.random(seed=3)
    response = _render(client, params=params.to_dict())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text == facemoji.render_svg(params)


def test_render_png_has_the_asked_size(client: TestClient) -> None:
    response = _render(client, style="facemoji", params={"hair": "bob"}, format="png",
                       size=96)
    assert response.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (96, 96)


def test_render_follows_a_changed_feature(client: TestClient) -> None:
    a = _render(client, style="facemoji", params={"hair_color": "#1f1b1a"}).text
    b = _render(client, style="facemoji", params={"hair_color": "#c4301c"}).text
    assert a != b


@pytest.mark.parametrize("style", facemoji.list_styles())
def test_render_face_crop_zooms_onto_the_face(client: TestClient, style: str) -> None:
    schema = facemoji.get_style(style).schema
    full = _render(client, style=style, params={}).text
    face = _render(client, style=style, params={}, crop="face").text

    def view(svg: str) -> list[float]:
        return [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]

    x, y, side, _ = view(face)
    fx, fy, fw, _ = view(full)
    assert side < 0.8 * fw and fx <= x and x + side <= fx + fw and fy <= y
    x0, y0, x1, y1 = facemoji.get_style(style).face_box(schema.defaults(), round(fw))
    assert x <= x0 and x1 <= x + side and y <= y0 and y1 <= y + side  # the face is inside


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"params": {"hair": "nope"}}, 422, "valid options"),
    ({"params": {"no_such": 1}}, 422, "valid features"),
    ({"params": {"eye_size": 99}}, 422, "out of range"),
    ({"style": "nope", "params": {}}, 404, "valid styles"),
    ({"params": {}, "format": "gif"}, 422, "format"),
    ({"params": {}, "format": "png", "size": 99999}, 422, "size"),
    ({"params": ["hair"]}, 422, "params"),
    ({"params": {}, "crop": "feet"}, 422, "crop"),
    ({}, 422, "params"),
])
def test_render_bad_input_is_a_readable_4xx(client: TestClient, body: dict, status: int,
                                            words: str) -> None:
    assert words in _error(client.post("/api/render", json=body), status)


def test_render_body_that_is_not_json(client: TestClient) -> None:
    response = client.post("/api/render", content=b"{oops",
                           headers={"content-type": "application/json"})
    _error(response, 422)


# -- generate and analyze -------------------------------------------------------------


@pytest.mark.slow
def test_generate_returns_editable_params_svg_and_rankings(client: TestClient,
                                                           astronaut_png: bytes) -> None:
    response = client.post("/api/generate", files=[("photos", ("me.png", astronaut_png))],
                           data={"method": "attributes", "style": "facemoji"})
    assert response.status_code == 200, response.text
    doc = response.json()
    params = facemoji.load_params(doc["params"])
    assert doc["svg"] == facemoji.render_svg(params)
    schema = facemoji.get_style("facemoji").schema
    choices = {f.name for f in schema.of_kind("choice")}
    assert set(doc["rankings"]) == choices
    hair = [option for option, _ in doc["rankings"]["hair"]]
    assert sorted(hair) == sorted(schema.options("hair"))
    assert doc["measured"]["hair_color"].startswith("#")
    assert doc["method"] == "attributes" and doc["seconds"] > 0


@pytest.mark.slow
def test_analyze_returns_the_analysis(client: TestClient, astronaut_png: bytes) -> None:
    response = client.post("/api/analyze", files={"photo": ("me.png", astronaut_png)})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["faces"] == 1 and len(doc["landmarks"]) == 68
    assert doc["image_size"] == [512, 512]


def _generate(client: TestClient, files: list, **data: str) -> httpx.Response:
    return client.post("/api/generate", files=files, data=data or None)


def test_generate_rejects_a_file_that_is_not_an_image(client: TestClient) -> None:
    # named .jpg, but the content decides; with no usable photo left, the run fails
    files = [("photos", ("holiday.jpg", b"%PDF-1.4 not a photo", "image/jpeg"))]
    response = _generate(client, files, method="attributes")
    assert "holiday.jpg" in _error(response, 422)
    [photo] = response.json()["photos"]
    assert photo["name"] == "holiday.jpg" and photo["status"] == "skipped"
    assert "PDF files are not accepted" in photo["error"]


def test_generate_refuses_a_decompression_bomb(client: TestClient, bomb_png: bytes) -> None:
    files = [("photos", ("bomb.png", bomb_png))]
    assert "too large" in _error(_generate(client, files, method="attributes"), 422)


def test_generate_without_a_face_is_422(client: TestClient, blank_png: bytes) -> None:
    files = [("photos", ("wall.png", blank_png))]
    assert "no face" in _error(_generate(client, files, method="attributes"), 422)


def test_analyze_without_a_face_is_422(client: TestClient, blank_png: bytes) -> None:
    _error(client.post("/api/analyze", files={"photo": ("wall.png", blank_png)}), 422)


def test_generate_without_photos_is_400(client: TestClient) -> None:
    response = client.post("/api/generate", files={"x": ("", b"")}, data={"style": "facemoji"})
    _error(response, 400)
    response = client.post("/api/generate", data={"style": "facemoji"},
                           headers={"content-type": "multipart/form-data; boundary=b"},
                           content=b"--b\r\nContent-Disposition: form-data; name=\"style\""
                           b"\r\n\r\nfacemoji\r\n--b--\r\n")
    assert "no photo" in _error(response, 400)


def test_generate_unknown_style_or_method(client: TestClient, blank_png: bytes) -> None:
    files = [("photos", ("a.png", blank_png))]
    assert "valid styles" in _error(_generate(client, files, style="nope"), 404)
    assert "valid: attributes" in _error(_generate(client, files, method="magic"), 400)


def test_generate_too_many_photos_is_413(client: TestClient, blank_png: bytes) -> None:
    files = [("photos", (f"{i}.png", blank_png)) for i in range(11)]
    assert "at most 10" in _error(_generate(client, files, method="attributes"), 413)


def test_generate_photo_over_10_mb_is_413(client: TestClient) -> None:
    files = [("photos", ("huge.jpg", b"\xff" * (10 * 2**20 + 1)))]
    assert "10 MB" in _error(_generate(client, files, method="attributes"), 413)


def test_generate_needs_multipart(client: TestClient) -> None:
    _error(client.post("/api/generate", json={"photos": []}), 415)


# -- errors, time limits, concurrency -------------------------------------------------


@pytest.mark.parametrize(("error", "status"), [
    (UnknownName("x"), 404), (NoFaceFound("x"), 422), (UnknownOption("x"), 422),
    (InvalidParams("x"), 422), (BadImage("x"), 415), (UploadError("x", 413), 413),
    (TimeLimit("x"), 504), (facemoji.BadArgument("x"), 400), (Busy("x", 3), 503),
    (WorkerLost("x"), 503),
])
def test_status_for_each_error(error: facemoji.FacemojiError, status: int) -> None:
    assert status_for(error) == status


@pytest.mark.slow
def test_renders_are_not_blocked_by_a_generate(astronaut_png: bytes) -> None:
    """20 concurrent renders all succeed, and finish, while a generate runs."""
    app = create_app(WebConfig(workers=1))

    async def scenario() -> tuple[httpx.Response, float, list[httpx.Response], float]:
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=transport, base_url=BASE_URL, timeout=120) as http:
            t0 = time.perf_counter()

            async def gen() -> tuple[httpx.Response, float]:
                r = await http.post("/api/generate", files={"photos": ("a.png", astronaut_png)},
                                    data={"method": "greedy"})
                return r, time.perf_counter() - t0

            task = asyncio.create_task(gen())
            await asyncio.sleep(0.2)
            schema = facemoji.get_style("facemoji").schema
            bodies = [{"params": schema.random(seed=i).to_dict(), "format": "png", "size": 128}
                      for i in range(20)]
            renders = await asyncio.gather(*(http.post("/api/render", json=b) for b in bodies))
            renders_done = time.perf_counter() - t0
            generated, generate_done = await task
            return generated, generate_done, list(renders), renders_done

    generated, generate_done, renders, renders_done = asyncio.run(scenario())
    assert generated.status_code == 200, generated.text
    assert [r.status_code for r in renders] == [200] * 20
    assert all(r.content.startswith(b"\x89PNG") for r in renders)
    assert renders_done < generate_done


def test_body_of_unknown_size_is_capped() -> None:
    """A chunked upload (no Content-Length) is counted while it arrives."""
    app = create_app(WebConfig(workers=1))
    head = b'--b\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n'
    chunks = itertools.chain([head], (b"x" * 2**20 for _ in range(200)))

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=transport, base_url=BASE_URL) as http:
            return await http.post("/api/generate", content=_aiter(chunks),
                                   headers={"content-type": "multipart/form-data; boundary=b"})

    _error(asyncio.run(send()), 413)


async def _aiter(items):  # type: ignore[no-untyped-def]
    for item in items:
        yield item


def test_render_in_another_style(client: TestClient) -> None:
    params = facemoji.get_style("avataaars").schema.random(seed=5)
    response = _render(client, style="avataaars", params=dict(params))
    assert response.text == facemoji.render_svg(params)
