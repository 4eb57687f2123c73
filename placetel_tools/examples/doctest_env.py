"""Route the doctests' requests to https://zammad.example.com onto a real simulator server on 127.0.0.1.

Used by Sphinx's doctest builder through conf.py's doctest_global_setup and cleanup."""

# conf.py's doctest_global_setup imports this module's names and calls
# use_simulator() for every doctest group; a group's hidden testsetup picks
# another situation:
#
#     use_simulator()                                   # settings saved, switched on
#     use_simulator(disabled=True)                      # integration switched off
#     use_simulator(config={})                          # configuration emptied
#     use_simulator(config=doctest_config("NAME.json")) # doctests/NAME.json
#
# Every call starts from an empty caller log, so each group runs the same way
# in any order. The first call starts one HTTP server and routes requests to it;
# conf.py's doctest_global_cleanup calls stop_simulator() after each file, which
# closes the server and puts requests back as it was: nothing outlives a file.

import json
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

from placetel_tools.simulator import EXAMPLE_TOKEN, Server, make_app

__all__ = ["DEFAULT", "doctest_config", "stop_simulator", "use_simulator"]

HOST = "https://zammad.example.com"
DOCTESTS = Path(__file__).resolve().parents[2] / "doctests"
# What Zammad stores when someone presses Save without filling anything in
# (_integration/placetel.coffee): no token, no blocked numbers, the hidden
# outbound part emptied to its routing table, the default caller log length.
DEFAULT = {
    "api_token": "",
    "inbound": {"block_caller_ids": []},
    "outbound": {"routing_table": []},
    "user_device_map": [],
    "view_limit": 60,
}

_server = None


class _LoopbackAdapter(HTTPAdapter):
    """Sends a request for https://zammad.example.com/... to the simulator, over real HTTP."""

    def send(self, request, **kwargs):
        original = request.url
        request = request.copy()
        request.url = _server.url + original[len(HOST) :]
        kwargs["proxies"] = {}  # loopback never goes through a proxy
        response = super().send(request, **kwargs)
        response.url = response.request.url = original  # what the reader sees in the example
        return response


_adapter = _LoopbackAdapter()
_get_adapter = requests.Session.get_adapter


def _route(session, url):
    if _server is not None and url.lower().startswith(HOST + "/"):
        return _adapter
    return _get_adapter(session, url)


def use_simulator(disabled=False, config=DEFAULT, token=EXAMPLE_TOKEN):
    """Answer requests to https://zammad.example.com like Zammad with these settings; return the app
    (``calls``: the events it processed). ``config``: placetel_config dict, {} = emptied."""
    global _server
    app = make_app(token, config, enabled=not disabled)
    if _server is None:
        _server = Server(app).start()
        requests.Session.get_adapter = _route
    _server.app = app
    return app


def stop_simulator():
    """Close the server and give requests its own routing back (safe to call twice)."""
    global _server
    requests.Session.get_adapter = _get_adapter
    if _server is not None:
        _server.close()
        _server = None


def doctest_config(name):
    """The placetel_config saved in doctests/``name`` (a JSON file)."""
    return json.loads((DOCTESTS / name).read_text(encoding="utf-8"))
