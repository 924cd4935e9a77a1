"""The SQLite store of `make run` needs no set-up."""

from pathlib import Path


def test_the_store_creates_its_folder(live):
    # The system stack's file is in a folder that did not exist before it started.
    assert Path(live.store["db"]).is_file()
