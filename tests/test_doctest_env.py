"""The doctests' simulator: requests to https://zammad.example.com reach it over loopback, and stop_simulator()
undoes everything (conf.py calls it after each file)."""

import requests

from placetel_tools.examples.doctest_env import doctest_config, stop_simulator, use_simulator

URL = "https://zammad.example.com/api/v1/placetel/Sx7uLqkA9pW3rT2vYc5N"


def test_requests_reach_the_simulator_until_it_stops():
    original = requests.Session.get_adapter
    try:
        app = use_simulator(disabled=True)
        answer = requests.post(URL, data={"event": "IncomingCall", "call_id": "a", "from": "1"}, timeout=5)
        assert answer.status_code == 422 and "Feature is disabled" in answer.text
        assert answer.url == URL  # the reader's address, not the loopback one
        app = use_simulator(config=doctest_config("blocking.json"))
        requests.post(URL, data={"event": "IncomingCall", "call_id": "b", "from": "491715000000"}, timeout=5)
        assert len(app.calls) == 1  # each situation starts with an empty caller log
    finally:
        stop_simulator()
    assert requests.Session.get_adapter is original
    stop_simulator()  # twice is harmless
    assert requests.Session.get_adapter is original
