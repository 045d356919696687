#!/usr/bin/python3
"""The simulate case's peer: trellis's attrition + vacancy-chain Monte Carlo written again in
plain numpy, single-threaded (Debian's python3-numpy; no numba, no multiprocessing).

It reads the simulation's inputs as trellis writes them (`trellis succession simulate
--inputs-json FILE`: the key posts in the order vacancies are filled, their holders, the named
successors in rank order with the readiness that counts, everyone's risk of loss and the
trust's probabilities) and runs the model of src/succession/simulation.h, the same rules in
the same order, vectorised over the runs: each year every run draws its leavers at once, and
the queues of vacancies of all runs are worked through together, one vacancy of each run per
step. Its random numbers are numpy's own (PCG64), so its answers are not trellis's digit for
digit but estimates of the same means; bench/run.sh checks them within the Monte Carlo error.

Usage: simulate_numpy.py INPUTS.json [--runs N] [--years Y] [--seed S]
Prints JSON: {"per_year": [{year, external_mean, external_standard_error, external_low,
external_high, internal_mean, internal_standard_error}], "key_posts", "people",
"seconds": {"load": reading the file, "warm_up": one untimed simulation first, "simulate":
indexing the inputs, the runs and the summary, as trellis's Simulate}}.
"""

import argparse
import json
import math
import sys
import time

import numpy as np

EXTERNAL = -1  # a post held by an external appointee, who may leave later
VACANT = -2  # a post in this year's queue of vacancies
NOT_SIMULATED = -3  # a post vacant at the start: left out of the run
PADDING = -4  # the holder of the padding post: never anybody


class Model:
    """The inputs indexed into flat arrays, as simulation.cc's Compile does: the people who
    matter (first holders of key posts, and named successors who are in the trust and not
    "ready in 3+ years"), each post's eligible plan entries best first, and the key posts each
    person holds at the start."""

    def __init__(self, inputs):
        settings = inputs["settings"]
        by_risk = {
            None: settings["default_risk"],
            "low": settings["low_risk"],
            "medium": settings["medium_risk"],
            "high": settings["high_risk"],
        }
        given = {}
        for person in inputs["people"]:
            if person["id"] in given:
                raise ValueError(f"person {person['id']} appears twice")
            probability = person.get("leave_probability")
            given[person["id"]] = by_risk[person.get("risk")] if probability is None else probability
        self.external_probability = settings["default_risk"]

        index = {}
        probabilities = []

        def person_index(person_id):
            if person_id not in given:
                return None  # not in the trust (an external candidate)
            if person_id not in index:
                index[person_id] = len(probabilities)
                probabilities.append(given[person_id])
            return index[person_id]

        initial_holder = []
        plans = []
        for post in inputs["posts"]:
            if post["holders"]:
                holder = person_index(post["holders"][0])
                if holder is None:
                    raise ValueError(f"post {post['id']}: its holder is not among the people")
                initial_holder.append(holder)
            else:
                initial_holder.append(NOT_SIMULATED)
            plan = []
            for successor in post["successors"]:
                if successor["readiness"] == "three_plus_years":
                    continue  # never eligible
                person = person_index(successor["person"])
                if person is None:
                    continue
                plan.append((person, successor["readiness"] == "one_to_two_years"))
            plans.append(plan)

        self.people = len(probabilities)
        self.posts = len(initial_holder)
        self.probability = np.array(probabilities, dtype=np.float64)
        # A padding person (index `people`, never in the trust) and a padding post (index
        # `posts`, held by nobody) let ragged lists be rectangular arrays.
        self.initial_holder = np.array(initial_holder + [PADDING], dtype=np.int64)
        widest = max((len(p) for p in plans), default=0)
        self.plan_person = np.full((self.posts + 1, max(widest, 1)), self.people, dtype=np.int64)
        self.plan_later_only = np.zeros((self.posts + 1, max(widest, 1)), dtype=bool)
        for p, plan in enumerate(plans):
            for k, (person, later_only) in enumerate(plan):
                self.plan_person[p, k] = person
                self.plan_later_only[p, k] = later_only
        held = [[] for _ in range(self.people + 1)]
        for p, holder in enumerate(initial_holder):
            if holder >= 0:
                held[holder].append(p)  # in post order, as the chain queues them
        most = max((len(h) for h in held), default=0)
        self.posts_held = np.full((self.people + 1, max(most, 1)), self.posts, dtype=np.int64)
        for person, posts in enumerate(held):
            self.posts_held[person, : len(posts)] = posts


def simulate(model, runs, years, rng):
    """Per year and run, the external and internal appointments: two (years, runs) arrays."""
    people, posts = model.people, model.posts
    all_runs = np.arange(runs)
    in_trust = np.ones((runs, people + 1), dtype=bool)
    in_trust[:, people] = False
    appointed = np.zeros((runs, people + 1), dtype=bool)
    holder = np.tile(model.initial_holder, (runs, 1))
    external = np.zeros((years, runs), dtype=np.int64)
    internal = np.zeros((years, runs), dtype=np.int64)
    for year in range(years):
        # Every person still in the trust leaves with their probability.
        in_trust[:, :people] &= ~(rng.random((runs, people)) < model.probability)
        # The posts whose holder left, and those whose external appointee leaves, queued in
        # post order.
        held = holder[:, :posts]
        left = np.zeros((runs, posts), dtype=bool)
        by_person = held >= 0
        left[by_person] = ~in_trust[np.nonzero(by_person)[0], held[by_person]]
        left |= (held == EXTERNAL) & (rng.random((runs, posts)) < model.external_probability)
        queue = np.argsort(~left, axis=1, kind="stable")  # the left posts first, in order
        tail = left.sum(axis=1)
        head = np.zeros(runs, dtype=np.int64)
        held[left] = VACANT
        later_years = year > 0
        # Fill the queues: at each step the next vacancy of every run that has one.
        while True:
            active = all_runs[head < tail]
            if active.size == 0:
                break
            post = queue[active, head[active]]
            head[active] += 1
            candidates = model.plan_person[post]
            eligible = in_trust[active[:, None], candidates] & ~appointed[active[:, None], candidates]
            if not later_years:
                eligible &= ~model.plan_later_only[post]
            found = eligible.any(axis=1)
            first = eligible.argmax(axis=1)
            outside = ~found
            holder[active[outside], post[outside]] = EXTERNAL
            external[year, active[outside]] += 1
            runs_in = active[found]
            post_in = post[found]
            appointee = candidates[found, first[found]]
            appointed[runs_in, appointee] = True
            holder[runs_in, post_in] = appointee
            internal[year, runs_in] += 1
            # The vacancy chain: the appointee's own key posts join the end of the queue.
            for h in range(model.posts_held.shape[1]):
                own = model.posts_held[appointee, h]
                chained = holder[runs_in, own] == appointee
                r = runs_in[chained]
                o = own[chained]
                holder[r, o] = VACANT
                queue[r, tail[r]] = o
                tail[r] += 1
    return external, internal


def summarise(counts):
    """Mean, standard error (sample sd / sqrt(runs)) and the nearest-rank 5th and 95th
    percentiles of one year's per-run counts."""
    runs = counts.size
    ordered = np.sort(counts)

    def percentile(percent):
        rank = (percent * runs + 99) // 100  # the smallest count at least percent% don't exceed
        return int(ordered[max(rank, 1) - 1])

    se = float(counts.std(ddof=1) / math.sqrt(runs)) if runs > 1 else 0.0
    return float(counts.mean()), se, percentile(5), percentile(95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--years", type=int)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()

    started = time.perf_counter()
    with open(args.inputs, encoding="utf-8") as f:
        inputs = json.load(f)
    runs = args.runs or inputs["runs"]
    years = args.years or inputs["years"]
    seed = inputs["seed"] if args.seed is None else args.seed
    # One simulation untimed first, as trellis_simulate_bench does: each side is timed warm
    # (its code, caches and the processor's clock), not on whatever its process start left.
    warming = time.perf_counter()
    simulate(Model(inputs), runs, years, np.random.default_rng(seed))
    loaded = time.perf_counter()
    # From here on as trellis's Simulate: index the inputs, run, summarise.
    model = Model(inputs)
    external, internal = simulate(model, runs, years, np.random.default_rng(seed))
    per_year = []
    for y in range(years):
        e_mean, e_se, e_low, e_high = summarise(external[y])
        i_mean, i_se, _, _ = summarise(internal[y])
        per_year.append(
            {
                "year": y + 1,
                "external_mean": e_mean,
                "external_standard_error": e_se,
                "external_low": e_low,
                "external_high": e_high,
                "internal_mean": i_mean,
                "internal_standard_error": i_se,
            }
        )
    done = time.perf_counter()
    json.dump(
        {
            "runs": runs,
            "years": years,
            "seed": seed,
            "key_posts": len(inputs["posts"]),
            "people": len(inputs["people"]),
            "per_year": per_year,
            "seconds": {"load": warming - started, "warm_up": loaded - warming, "simulate": done - loaded},
        },
        sys.stdout,
        indent=1,
    )
    print()


if __name__ == "__main__":
    main()
