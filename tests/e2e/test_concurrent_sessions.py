"""Several people at once on a one-CPU server: `streamlit run app/server.py` pinned to one CPU
(taskset), five signed-in sessions (Streamlit's websocket protocol, as browser tabs speak it)
moving through pages at the same time all get every page. Polars' pool of one thread hung the
whole server when they first opened (app/server.py keeps two), and page runs at the same time
hung it on any number of CPUs (app/db.PAGE_RUN: one at a time)."""

from __future__ import annotations

import asyncio
import http.cookiejar
import shutil
import urllib.parse
import urllib.request

import pytest

from tests.e2e.test_browser import serve

pytestmark = pytest.mark.slow
websockets = pytest.importorskip("websockets", reason="pip install websockets")
if not shutil.which("taskset"):
    pytest.skip("no taskset to pin the server to one CPU", allow_module_level=True)

USER, PASSWORD = "analyst", "analyst-test-pw-1"


@pytest.fixture(scope="module")
def one_cpu_server(sample_warehouse, tmp_path_factory):
    from app import accounts

    state = tmp_path_factory.mktemp("one_cpu_state")
    accounts.add(USER, "analyst", PASSWORD, folder=state)
    yield from serve(sample_warehouse, state, cpu=0)


def sign_in(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/login", urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD}).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def pages_texts(base: str, cookie: str, pages: list[str]) -> list[bytes]:
    """On one session, everything the server sends for each page in turn, up to its
    script_finished (status 0: ran to its end)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = []
    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None, ping_interval=None,
                                  additional_headers={"Cookie": cookie}) as ws:
        for page in pages:
            ask = BackMsg()
            ask.rerun_script.query_string = ""
            ask.rerun_script.page_name = page
            await ws.send(ask.SerializeToString())
            sent = b""
            while True:
                data = await ws.recv()
                sent += data
                reply = ForwardMsg()
                reply.ParseFromString(data)
                if reply.WhichOneof("type") == "script_finished":
                    assert reply.script_finished == 0
                    break
            out.append(sent)
    return out


def test_five_sessions_at_once_on_one_cpu_all_get_every_page(one_cpu_server):
    cookie = sign_in(one_cpu_server)
    assert "hc_session" in cookie
    order = ["", "mosquito", "problems", "chronic", "map"]
    # each session starts at another page and goes round all five
    tours = [order[i:] + order[:i] for i in range(5)]

    async def all_at_once():
        return await asyncio.wait_for(asyncio.gather(
            *(pages_texts(one_cpu_server, cookie, tour) for tour in tours)), timeout=240)

    for tour, sent in zip(tours, asyncio.run(all_at_once()), strict=True):
        got = dict(zip(tour, sent, strict=True))
        assert "创卫与健康城市建设".encode() in got[""] and "问题台账".encode() in got["problems"]
        assert "慢性病".encode() in got["chronic"] and "慢性病".encode() not in got["mosquito"]
