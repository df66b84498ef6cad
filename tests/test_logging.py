"""Django's own messages are printed once (runserver's "Watching for file
changes with StatReloader" was printed twice)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import logging, django
django.setup()
logging.getLogger("django.utils.autoreload").info("Watching for file changes with StatReloader")
logging.getLogger("django.request").warning("Not Found: /x")
logging.getLogger("fardplan.anything").warning("own warning")
"""


def test_each_message_is_printed_once():
    env = {**os.environ, "DEBUG": "1"}
    env.pop("LOG_LEVEL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "Watching for file changes with StatReloader",
        "Not Found: /x",
        "own warning",
    ]
