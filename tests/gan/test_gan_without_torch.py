"""The core package and the CLI work without torch; the GAN commands say how to get it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCK_TORCH = textwrap.dedent("""
    import sys
    class _Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("torch", "onnxscript"):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None
    sys.meta_path.insert(0, _Block())
""")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK_TORCH + textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def test_core_cli_and_translator_import_without_torch() -> None:
    result = _run("""
        import facemoji, facemoji.cli, facemoji.gan
        from facemoji.gan.translate import Translator
        from facemoji.cli import main
        assert main(["--help"]) == 0
        assert main(["gan", "--help"]) == 0
        assert "torch" not in sys.modules
    """)
    assert result.returncode == 0, result.stderr


def test_gan_train_names_the_extra_when_torch_is_missing(tmp_path) -> None:
    result = _run(f"""
        from facemoji.cli import main
        sys.exit(main(["gan", "train", "--photos", {str(tmp_path)!r},
                       "--avatars", {str(tmp_path)!r}, "--out", {str(tmp_path / "run")!r}]))
    """)
    assert result.returncode == 2
    assert "pip install 'facemoji[gan]'" in result.stderr
