import json

import numpy as np
import pytest
import skimage.data

from facemoji.avatar.style import load_params
from facemoji.errors import BadArgument, BadImage, NoFaceFound
from facemoji.match.generate import generate
from facemoji.match.mapping import mapping_for


@pytest.mark.parametrize("method", ["attributes", "greedy", "search"])
def test_each_method_makes_a_matching_avatar(method, embedder, target, make_analysis):
    budget = {"attributes": None, "greedy": 1, "search": 6}[method]
    result = generate([make_analysis(target, embedder)], method=method, budget=budget,
                      embedder=embedder)
    traits = mapping_for("facemoji").traits
    assert traits(result.params) == traits(target)
    assert result.terms["color"] < 3.0
    assert result.svg.startswith("<svg") and result.png[:4] == b"\x89PNG"
    assert (result.terms["identity"] is None) == (method == "attributes")
    assert result.rankings.get("hair")


def test_json_contract_and_files(tmp_path, embedder, target, make_analysis):
    result = generate([make_analysis(target, embedder)], method="search", budget=3,
                      embedder=embedder)
    files = result.save(tmp_path / "out")
    doc = json.loads(json.dumps(result.to_dict(files)))
    for key in ("style", "params", "files", "score", "rankings", "seconds"):
        assert key in doc
    assert set(doc["files"]) == {"json", "svg", "png", "report"}
    option, score = doc["rankings"]["glasses"][0]
    assert isinstance(option, str) and isinstance(score, float)
    saved = load_params((tmp_path / "out" / "avatar.json").read_text())
    assert saved == result.params
    report = (tmp_path / "out" / "report.html").read_text()
    assert report.count("<img") > 10 and result.params.color("skin") in report
    with pytest.raises(BadArgument, match="--force"):
        result.save(tmp_path / "out")
    result.save(tmp_path / "out", force=True)


def test_a_photo_of_someone_else_is_warned_about(style, embedder, target, make_analysis):
    me = make_analysis(target, embedder)
    other = make_analysis(target, embedder)
    other.embedding = -me.embedding  # as far away as it gets
    result = generate([me, me, other], method="attributes", embedder=embedder)
    assert result.warnings == ["photo 3 does not look like the same person as the others"]


def test_bad_arguments(tmp_path, embedder, target, make_analysis):
    ref = make_analysis(target, embedder)
    with pytest.raises(BadArgument, match="does not exist"):
        generate([ref], method="attributes", embedder=embedder,
                 via_gan=tmp_path / "missing.onnx")
    with pytest.raises(BadArgument, match="method"):
        generate([ref], method="genetic")
    with pytest.raises(BadArgument):
        generate([], method="attributes")
    with pytest.raises(BadArgument):
        generate([ref], method="search", budget=-1)


def test_unreadable_file_and_photo_without_face(tmp_path):
    pytest.importorskip("facemoji.face.analyze")
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    with pytest.raises(BadImage):
        generate([str(bad)], method="attributes")
    with pytest.raises(NoFaceFound):
        generate([np.full((200, 200, 3), 128, np.uint8)], method="attributes")


@pytest.mark.slow
def test_end_to_end_on_the_astronaut():
    pytest.importorskip("facemoji.face.analyze")
    result = generate([skimage.data.astronaut()], method="search", budget=4)
    assert result.params.choice("glasses") == "none"
    assert result.terms["color"] < 10
    assert result.terms["identity"] > 0.5
    assert result.photos and result.photos[0].dtype == np.uint8


def test_a_style_without_mapping_still_generates(monkeypatch, embedder, target, make_analysis):
    from facemoji.match import mapping

    ref = make_analysis(target, embedder)
    monkeypatch.setattr(mapping, "MAPPINGS", {})
    result = generate([ref], method="attributes", embedder=embedder)
    assert result.params == result.params.schema.defaults()
    assert result.terms["color"] == 0.0


def test_greedy_spends_identity_on_shape_features_only(embedder, target, make_analysis):
    ref = make_analysis(target, embedder)
    embedded: list[int] = []
    embed_chips = embedder.embed_chips
    embedder.embed_chips = lambda chips: embedded.append(len(chips)) or embed_chips(chips)
    result = generate([ref], method="greedy", embedder=embedder)
    shape = mapping_for("facemoji").shape
    # at most 3 options per shape feature (the current one is cached), and the rest of
    # the 34 features none: every feature with 3 would be about 70
    assert 0 < sum(embedded) <= 3 * len(shape) + 1
    assert result.terms["identity"] is not None
    assert set(result.rankings) == set(result.params.schema.names)


@pytest.mark.parametrize("method", ["attributes", "greedy", "search"])
def test_stage_reports_the_steps_in_order(method, embedder, target, make_analysis):
    seen: list[tuple[str, float]] = []
    generate([make_analysis(target, embedder)], method=method, budget=2 if method ==
             "search" else None, embedder=embedder, stage=lambda *a: seen.append(a))
    steps = [step for step, _ in seen]
    assert steps[0] == "fitting" and steps[-1] == "rendering"  # analyses given: no detecting
    assert steps == sorted(steps, key=["fitting", "rendering"].index)
    fitting = [done for step, done in seen if step == "fitting"]
    assert fitting == sorted(fitting) and fitting[-1] == 1.0
    assert seen[-1] == ("rendering", 1.0)
    if method != "attributes":
        assert len(fitting) > 3  # the fit reports as it goes, not only at its ends


def test_a_stage_that_raises_stops_the_run(embedder, target, make_analysis):
    class Stop(Exception):
        pass

    def stop_halfway(step: str, done: float) -> None:
        if step == "fitting" and done >= 0.5:
            raise Stop

    with pytest.raises(Stop):
        generate([make_analysis(target, embedder)], method="greedy", embedder=embedder,
                 stage=stop_halfway)


def test_a_group_photo_is_named_in_the_warnings(embedder, target, make_analysis):
    me = make_analysis(target, embedder)
    group = make_analysis(target, embedder)
    group.faces, group.face_index = 2, 0
    result = generate([me, group], method="attributes", embedder=embedder,
                      names=["me.jpg", "party.jpg"])
    assert result.warnings == ["party.jpg: the largest of 2 faces was used"]
    with pytest.raises(BadArgument, match="names"):
        generate([me], method="attributes", embedder=embedder, names=["a", "b"])


def test_one_default_method_for_the_api_and_the_cli():
    import inspect

    import typer

    from facemoji.cli import app
    from facemoji.match.generate import DEFAULT_METHOD, METHODS

    assert DEFAULT_METHOD in METHODS
    assert inspect.signature(generate).parameters["method"].default == DEFAULT_METHOD
    command = typer.main.get_command(app).commands["generate"]  # type: ignore[attr-defined]
    option = next(p for p in command.params if p.name == "method")
    assert f"(default: {DEFAULT_METHOD})" in (option.help or "")
