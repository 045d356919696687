#!/usr/bin/python3
"""The import case: `trellis import people` of the national people file (every row checked in
full, all or nothing, audit-logged) into a fresh SQLite store holding one trust,
against the sqlite3 shell's `.import` of the same file into a bare table of the same columns
(no constraints, no index) in a fresh database: the limit for this store. Runs alternate,
ours then the peer, so that the machine's changing load falls on both alike. The results
match when both hold every row of the file.

Usage: import_case.py --trellis build/trellis --workload bench/work/national
                      --work bench/work/import --out bench/results [--runs 3]
"""

import argparse
import csv
import json
import os

import common


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trellis", required=True)
    parser.add_argument("--workload", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    people_file = os.path.abspath(os.path.join(args.workload, "people.csv"))
    with open(os.path.join(args.workload, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    expected = manifest["counts"]["people"]
    with open(people_file, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    os.makedirs(args.work, exist_ok=True)
    ours_db = os.path.join(args.work, "trellis.db")
    peer_db = os.path.join(args.work, "bare.db")
    # The bare table: the file's columns, all text, nothing else.
    columns = ", ".join(f'"{name}" TEXT' for name in header)
    peer_script = (
        f"CREATE TABLE people ({columns});\n"
        ".mode csv\n"
        f".import --skip 1 '{people_file}' people\n"
    )

    # For the record: the same rows written into trellis's own tables by SQLite alone, one
    # INSERT ... SELECT from the bare table for the people (with their indexes) and the
    # import's audit entry with its run of ids (exchange/importer.h, Audit::AppendCreated), as
    # trellis's connection sets SQLite up (WAL, synchronous FULL, foreign keys, a 64 MiB page
    # cache): the floor for this schema, whatever the importer does.
    floor_db = os.path.join(args.work, "floor.db")
    floor_script = f"""PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA foreign_keys=ON;
PRAGMA cache_size=-65536;
ATTACH '{os.path.abspath(peer_db)}' AS bare;
BEGIN;
INSERT INTO people (trust_id, reference, given_name, family_name, email, stage, joined_trust, left_trust)
  SELECT 1, reference, given_name, family_name, email, nullif(stage, ''), nullif(joined_trust, ''),
         nullif(left_trust, '') FROM bare.people;
INSERT INTO audit_log (at, trust_id, user_id, actor, action, entity, entity_id, before_json, after_json, remote)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 1, NULL, 'cli', 'import', 'person', '', '',
         json_object('created', count(*), 'ids', json_array(json_array(min(id), max(id)))), ''
  FROM people;
INSERT INTO audit_runs (entry_id, first_id, last_id)
  SELECT last_insert_rowid(), min(id), max(id) FROM people;
COMMIT;
"""

    def count(db):
        return int(common.run(["sqlite3", db, "SELECT count(*) FROM people"]).strip())

    ours, peer, floor, ours_counts, peer_counts, floor_counts = [], [], [], [], [], []
    for run in range(args.runs):
        common.remove_database(ours_db)
        store = ["--store", "sqlite:" + ours_db]
        common.run([args.trellis, *store, "trust", "add", "--name", "National import", "--reference", "TR99999"])
        elapsed, _ = common.timed([args.trellis, *store, "import", "people", people_file])
        ours.append(elapsed)
        ours_counts.append(count(ours_db))
        common.log(f"import run {run + 1}: trellis {elapsed:.2f} s, {ours_counts[-1]} people")

        common.remove_database(peer_db)
        elapsed, _ = common.timed(["sqlite3", peer_db], input=peer_script)
        peer.append(elapsed)
        peer_counts.append(count(peer_db))
        common.log(f"import run {run + 1}: sqlite3 .import {elapsed:.2f} s, {peer_counts[-1]} rows")

        common.remove_database(floor_db)
        common.run([args.trellis, "--store", "sqlite:" + floor_db, "trust", "add", "--name", "National import", "--reference", "TR99999"])
        elapsed, _ = common.timed(["sqlite3", floor_db], input=floor_script)
        floor.append(elapsed)
        floor_counts.append(count(floor_db))
        common.log(f"import run {run + 1}: the schema's floor {elapsed:.2f} s, {floor_counts[-1]} people")

    size_mb = os.path.getsize(people_file) / 1e6
    ours_median, peer_median = common.median(ours), common.median(peer)
    ratio = peer_median / ours_median
    matched = all(c == expected for c in ours_counts + peer_counts)
    store_mb = sum(
        os.path.getsize(ours_db + s) for s in ("", "-wal") if os.path.exists(ours_db + s)
    ) / 1e6
    bare_mb = os.path.getsize(peer_db) / 1e6
    common.write_result(
        args.out,
        "import",
        {
            "case": "import",
            "size": "national",
            "people": expected,
            "machine": common.machine(),
            "date": common.today(),
            "ours": {
                "what": f"trellis import people of the national people file ({expected:,} rows, "
                f"{size_mb:.0f} MB): every row checked, all or nothing, audit-logged (one entry "
                "naming every person created), into a fresh SQLite store with one trust",
                "median_s": round(ours_median, 4),
                "runs_s": common.seconds(ours),
            },
            "peers": [
                {
                    "name": "sqlite3 shell .import into a bare table",
                    "median_s": round(peer_median, 4),
                    "runs_s": common.seconds(peer),
                    "ratio": round(ratio, 4),
                    "matched": matched,
                    "detail": f"rows: trellis {sorted(set(ours_counts))}, sqlite3 "
                    f"{sorted(set(peer_counts))}, the file {expected}; databases written: "
                    f"trellis {store_mb:.0f} MB (people and their 2 indexes), bare {bare_mb:.0f} MB",
                }
            ],
            "floor": {
                "what": "for the record, not a peer: the same rows written into trellis's own "
                "tables by SQLite alone (one INSERT ... SELECT from the bare table for the "
                "people with their 2 indexes, and the import's audit entry with its run of ids; "
                "WAL, synchronous FULL, foreign keys, 64 MiB page cache): the least any "
                "importer into this schema could take",
                "median_s": round(common.median(floor), 4),
                "runs_s": common.seconds(floor),
                "rows": sorted(set(floor_counts)),
                "ratio_to_peer": round(peer_median / common.median(floor), 4),
            },
            "target": {"text": "at least 0.5x the speed of sqlite3 .import", "met": matched and ratio >= 0.5},
            "notes": f"medians of {args.runs} runs, ours and the peer alternating; wall-clock "
            "seconds of the whole command (trellis: the trust was added before the clock "
            "started)",
        },
    )


if __name__ == "__main__":
    main()
