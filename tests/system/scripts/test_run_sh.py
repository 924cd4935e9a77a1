"""`make run` (scripts/run.sh): no secret on any command line, and only 127.0.0.1 listens.

Command lines are world-readable (`ps`, /proc/<pid>/cmdline); a token there is a token
for every user of the machine. The servers answer on loopback only unless HOST opens them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest

from tests.conftest import ROOT
from tests.harness.assistant import Assistant

TOKEN = Assistant.token
SECRET_FILE = ROOT / ".data" / "socketio-session-secret"


@pytest.fixture(scope="module")
def started(system) -> Tuple[int, Tuple[int, ...]]:
    """The shared system stack is scripts/run.sh itself (tests/system/conftest.py)."""
    return system.service.process.pid, system.ports


def group_pids(group: int) -> List[int]:
    pids = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # the process group, after state and parent
            pids.append(int(stat_file.parent.name))
    return pids


def socket_inodes(pid: int) -> Set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening() -> Dict[str, Tuple[str, int]]:
    """inode -> (address, port) of every listening TCP socket on the machine."""
    found = {}
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] != "0A":  # LISTEN
                continue
            address, port = parts[1].split(":")
            found[parts[9]] = (address, int(port, 16))
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1


def test_no_process_has_the_token_on_its_command_line(started):
    group, _ = started
    pids = group_pids(group)
    assert len(pids) >= 4, pids  # run.sh, the action server, the Rasa server, the demo page
    lines = [Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode() for pid in pids]
    assert [line for line in lines if TOKEN in line or "--auth-token" in line] == []
    secret = SECRET_FILE.read_text().strip()
    assert [line for line in lines if secret in line] == []


def test_every_server_listens_on_loopback_only(started):
    group, ports = started
    sockets = listening()
    mine = {inode for pid in group_pids(group) for inode in socket_inodes(pid)} & set(sockets)
    bound = sorted(sockets[inode] for inode in mine)
    assert {port for _, port in bound} >= set(ports), bound
    assert all(address in LOOPBACK for address, _ in bound), bound


def test_the_session_secret_is_kept_for_the_owner_only(started):
    mode = SECRET_FILE.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600 and len(SECRET_FILE.read_text().strip()) >= 32
