#!/usr/bin/python3
"""The soak's verdicts on made-up runs: that a leak's shape, a refused request, a socket error
or a lost write each fail it, and that a steady run passes. The soak itself (soak.py) only
ever meets a healthy server, so this is where its checks are seen to fail."""

import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import soak  # noqa: E402


def samples(values, seconds):
    """One sample a second, resident memory from `values` spread over the run."""
    return [{"t": float(t), "rss_kib": values[t * len(values) // seconds], "fds": 9, "threads": 66}
            for t in range(seconds)]


class RssVerdict(unittest.TestCase):
    def test_a_plateau_with_noise_passes(self):
        # Warm-up climbs, then the allocator's give and take around a level.
        run = [30000 + 300 * i for i in range(20)] + [36000, 36400, 35800, 36300, 36100, 35900] * 7
        _, _, problems = soak.rss_verdict(samples(run, 180), 180)
        self.assertEqual(problems, [])

    def test_growth_in_the_last_third_fails(self):
        run = [36000] * 120 + [40000] * 60  # +11% in the last third
        _, _, problems = soak.rss_verdict(samples(run, 180), 180)
        self.assertTrue(any("last third" in p for p in problems), problems)

    def test_a_slow_leak_rising_in_every_window_fails(self):
        # Under 5% over the run, but higher in every window: a leak's shape.
        run = [36000] * 60 + [36000 + 10 * i for i in range(120)]
        _, _, problems = soak.rss_verdict(samples(run, 180), 180)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("every window", problems[0])

    def test_a_page_more_in_one_window_is_no_rise(self):
        # The windows of a CI run: 4 KiB (a page) between the second and third is level.
        windows = [36652, 36912, 36916, 37452, 37872, 37956]
        run = [36000] * 60 + [w for w in windows for _ in range(20)]
        _, seen, problems = soak.rss_verdict(samples(run, 180), 180)
        self.assertEqual(seen, windows)
        self.assertEqual(problems, [])

    def test_too_few_samples_fail(self):
        _, _, problems = soak.rss_verdict(samples([36000] * 10, 10)[:3], 180)
        self.assertEqual(problems, ["too few memory samples"])


class AnswerProblems(unittest.TestCase):
    def test_only_2xx_and_no_socket_error_passes(self):
        statuses = {"grid": {200: 900}, "assessment": {201: 300}}
        self.assertEqual(soak.answer_problems(statuses, {}, {"connect": 0, "read": 0}), [])

    def test_a_refusal_fails_with_its_body(self):
        statuses = {"assessment": {201: 300, 422: 1}}
        problems = soak.answer_problems(statuses, {"assessment 422": "level out of range"}, {})
        self.assertEqual(len(problems), 1)
        self.assertIn("level out of range", problems[0])

    def test_a_server_error_fails(self):
        self.assertEqual(len(soak.answer_problems({"dashboard": {200: 10, 500: 1}}, {}, {})), 1)

    def test_a_socket_error_fails(self):
        problems = soak.answer_problems({"grid": {200: 10}}, {}, {"connect": 0, "read": 1, "timeout": 0})
        self.assertEqual(len(problems), 1)


class WritesVerdict(unittest.TestCase):
    before = {"assessment": 100, "risk": 5}

    def test_every_acknowledged_write_found_passes_with_those_in_flight(self):
        statuses = {"assessment": {201: 50}, "risk": {200: 40, 201: 10}}
        in_flight = soak.CONNECTIONS // soak.THREADS
        writes, problems = soak.writes_verdict(statuses, self.before,
                                               {"assessment": 150 + in_flight, "risk": 55})
        self.assertEqual(problems, [])
        self.assertEqual(writes["risk"], {"acknowledged": 50, "found": 50})

    def test_a_lost_write_fails(self):
        statuses = {"assessment": {201: 50}, "risk": {200: 50}}
        _, problems = soak.writes_verdict(statuses, self.before, {"assessment": 149, "risk": 55})
        self.assertEqual(problems, ["assessment: 50 writes acknowledged but only 49 found"])

    def test_more_than_those_in_flight_fails(self):
        statuses = {"assessment": {201: 50}, "risk": {200: 50}}
        extra = soak.CONNECTIONS // soak.THREADS + 1
        _, problems = soak.writes_verdict(statuses, self.before, {"assessment": 150 + extra, "risk": 55})
        self.assertEqual(len(problems), 1)


if __name__ == "__main__":
    unittest.main()
