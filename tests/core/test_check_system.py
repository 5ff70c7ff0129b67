"""`make run` and `make test` stop early, with the apt-get line, when system libraries lack."""

import importlib.machinery
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check-system"


def _load():
    loader = importlib.machinery.SourceFileLoader("check_system", str(SCRIPT))
    spec = importlib.util.spec_from_loader("check_system", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_it_names_what_is_missing_and_the_apt_get_line(monkeypatch, capsys):
    module = _load()
    monkeypatch.setattr(module.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    assert module.main(["--test"]) == 1
    err = capsys.readouterr().err
    assert "Pango (libpango-1.0-0)" in err and "HarfBuzz (libharfbuzz0b)" in err
    assert "chromium" in err and "sudo apt-get install -y libpango-1.0-0" in err


def test_it_passes_quietly_when_everything_is_there(monkeypatch, capsys):
    module = _load()
    monkeypatch.setattr(module.ctypes.util, "find_library", lambda name: f"lib{name}.so")
    monkeypatch.setattr(module, "_has_dejavu", lambda: True)
    monkeypatch.setattr(module.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert module.main(["--test"]) == 0
    assert capsys.readouterr().err == ""
