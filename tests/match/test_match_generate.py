import json

import numpy as np
import pytest
import skimage.data

from facemoji.avatar.style import load_params
from facemoji.errors import BadArgument, BadImage, NoFaceFound
from facemoji.match.generate import GREEDY_SHORTLIST, generate
from facemoji.match.mapping import mapping_for
from facemoji.match.traits import HINTS


@pytest.mark.parametrize("method", ["attributes", "greedy", "search"])
def test_each_method_makes_a_matching_avatar(method, embedder, target, make_analysis):
    budget = {"attributes": None, "greedy": 1, "search": 6}[method]
    result = generate([make_analysis(target, embedder)], method=method, budget=budget,
                      embedder=embedder)
    def traits(params):  # the hints (eyes, brows, nose shape) are the identity term's
        shown = mapping_for("facemoji").traits(params)
        return {k: v for k, v in shown.items() if k not in HINTS}

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
    # what the photos showed beside what the avatar shows, trait by trait
    traits = report[report.index("Traits: measured vs shown"):]
    shown = mapping_for("facemoji").traits(result.params)
    assert f"<td>glasses</td><td>{result.measured.traits['glasses']}</td>" in traits
    assert f"<td>{shown['glasses']}</td></tr>" in traits
    with pytest.raises(BadArgument, match="--force"):
        result.save(tmp_path / "out")
    result.save(tmp_path / "out", force=True)


def test_a_photo_of_someone_else_is_warned_about(style, embedder, target, make_analysis):
    me = make_analysis(target, embedder)
    other = make_analysis(target, embedder)
    other.embedding = -me.embedding  # as far away as it gets
    result = generate([me, me, other], method="attributes", embedder=embedder)
    assert result.warnings == ["photo 3 does not look like the same person as the others"]
    two = generate([me, other], method="attributes", embedder=embedder)
    assert two.warnings == ["photo 1 and photo 2 do not look like the same person"]


def test_black_and_white_photos_alone_are_warned_about(embedder, target, make_analysis):
    photos = [make_analysis(target, embedder) for _ in range(2)]
    photos[0].attributes.grayscale = True
    assert generate(photos, method="attributes", embedder=embedder).warnings == []
    photos[1].attributes.grayscale = True
    warnings = generate(photos, method="attributes", embedder=embedder).warnings
    assert warnings == ["every photo is black and white: the hair and eye colors are "
                        "guesses (add a color photo)"]


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
    # at most GREEDY_SHORTLIST options per shape feature (the current one is cached), and
    # the rest of the features none: every feature with as many would be over 150
    assert 0 < sum(embedded) <= GREEDY_SHORTLIST * len(shape) + 1
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
    assert result.warnings == ["party.jpg: the largest of 2 faces was used "
                               "(--face-index picks another)"]
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


# --- issue 14 items 9, 12 and issue 11: seed, atomic save, group photos ---------------

@pytest.mark.parametrize("seed", [-1, 2 ** 32, 2 ** 64, 1.5, True])
def test_a_bad_seed_is_refused_before_any_photo_is_analysed(monkeypatch, seed):
    import importlib

    module = importlib.import_module("facemoji.match.generate")

    def never(*args, **kwargs):
        raise AssertionError("a photo was analysed")

    monkeypatch.setattr(module, "_analyze", never)
    with pytest.raises(BadArgument, match=r"seed must be an integer in 0\.\.4294967295"):
        generate(["me.jpg"], method="search", seed=seed)


def test_save_leaves_the_previous_set_whole_when_interrupted(tmp_path, monkeypatch,
                                                             embedder, target, make_analysis):
    from facemoji.match import report_html

    first = generate([make_analysis(target, embedder)], method="attributes",
                     embedder=embedder)
    first.save(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    second = generate([make_analysis(target.set("skin", "#3b2219"), embedder)],
                      method="attributes", embedder=embedder)
    assert second.svg != first.svg

    def interrupted(result):
        raise KeyboardInterrupt  # Ctrl-C while the report is made

    monkeypatch.setattr(report_html, "report_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        second.save(tmp_path / "out", force=True)
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert after == before  # the old set, whole; no new file, no temporary folder


def test_save_refuses_links_in_the_output_folder(tmp_path, embedder, target, make_analysis):
    result = generate([make_analysis(target, embedder)], method="attributes",
                      embedder=embedder)
    out = tmp_path / "out"
    out.mkdir()
    (out / "avatar.json").symlink_to(tmp_path / "victim.json")  # dangling
    for force in (False, True):
        with pytest.raises(BadArgument, match="symbolic link"):
            result.save(out, force=force)
    assert not (tmp_path / "victim.json").exists()
    assert [p.name for p in out.iterdir()] == ["avatar.json"]


def test_photos_with_several_faces_are_warned_about(embedder, target, make_analysis):
    group = make_analysis(target, embedder)
    group.faces, group.face_index = 3, 0
    chosen = make_analysis(target, embedder)
    chosen.faces, chosen.face_index = 2, 1
    result = generate([make_analysis(target, embedder), group, chosen],
                      method="attributes", embedder=embedder)
    assert result.warnings == [
        "photo 2: the largest of 3 faces was used (--face-index picks another)",
        "photo 3: face 1 (largest first) of 2 faces was used (--face-index picks another)",
    ]
    assert result.to_dict()["warnings"] == result.warnings


def test_face_index_reaches_the_analysis(monkeypatch, embedder, target, make_analysis):
    import importlib

    module = importlib.import_module("facemoji.match.generate")
    asked = []

    def analyse(photo, name, stage, face_index):
        asked.append(face_index)
        return make_analysis(target, embedder)

    monkeypatch.setattr(module, "_analyze", analyse)
    generate(["a.jpg", "b.jpg"], method="attributes", embedder=embedder, face_index=1)
    generate(["a.jpg", "b.jpg"], method="attributes", embedder=embedder,
             face_index=[None, 2])
    assert asked == [1, 1, None, 2]
    with pytest.raises(BadArgument, match="2 face indices for 3 photos"):
        generate(["a", "b", "c"], method="attributes", embedder=embedder, face_index=[0, 1])
    with pytest.raises(BadArgument, match="0 or more"):
        generate(["a"], method="attributes", embedder=embedder, face_index=-1)


@pytest.mark.slow
def test_a_group_photo_for_real(astronaut_pair):
    pytest.importorskip("facemoji.face.analyze")
    result = generate([astronaut_pair], method="attributes")
    assert result.warnings == ["photo 1: the largest of 2 faces was used "
                               "(--face-index picks another)"]
    second = generate([astronaut_pair], method="attributes", face_index=1)
    assert second.warnings[0].startswith("photo 1: face 1")
    with pytest.raises(BadArgument, match="out of range"):
        generate([astronaut_pair], method="attributes", face_index=2)


@pytest.fixture
def astronaut_pair() -> np.ndarray:
    """The astronaut beside a smaller copy of herself: two faces."""
    import cv2

    big = skimage.data.astronaut()
    canvas = np.full((512, 512 + 384, 3), 255, np.uint8)
    canvas[:, :512] = big
    canvas[:384, 512:] = cv2.resize(big, (384, 384), interpolation=cv2.INTER_AREA)
    return canvas
