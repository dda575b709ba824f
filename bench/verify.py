#!/usr/bin/env python3
"""Checks that sagsspor reads synthetic minutes the way synth_history wrote them.

    bench/verify.py SAGSSPOR RAWDIR MANIFEST [--store STORE --today YYYY-MM-DD]

Runs `SAGSSPOR parse RAWDIR --json` once and compares every file with the
manifest: body, date, the items (punkt, journal, closed, whether an
Indstilling was read) and each item's decisions (date, body, outcome). With
--store it also compares `deferred --json` with the cases the manifest says
end up deferred, and `log PROBE --json` with the probe's treatment count.
Prints a summary and up to 20 mismatches; exits 1 on any mismatch.
"""
import json
import os
import subprocess
import sys


def clean_env(extra=None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC", "NO_COLOR": "1"}
    env.update(extra or {})
    return env


def verify(sagsspor, raw, manifest_path, store=None, today=None, out=sys.stdout):
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    proc = subprocess.run([sagsspor, "parse", raw, "--json"], capture_output=True, env=clean_env())
    problems = []
    if proc.returncode != 0:
        problems.append(f"parse exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
    parsed = {}
    for line in proc.stdout.decode().splitlines():
        d = json.loads(line)
        parsed[os.path.basename(d["file"])] = d
    checked_items = checked_decisions = 0
    for exp in manifest["files"]:
        got = parsed.get(exp["file"])
        where = exp["file"]
        if got is None:
            problems.append(f"{where}: not parsed")
            continue
        if got.get("body") != exp["body"] or got.get("date") != exp["date"]:
            problems.append(f"{where}: header read as body={got.get('body')!r} date={got.get('date')!r}")
        gi = got.get("items", [])
        if len(gi) != len(exp["items"]):
            problems.append(f"{where}: {len(gi)} items read, {len(exp['items'])} written")
        for e, g in zip(exp["items"], gi):
            checked_items += 1
            w = f"{where} punkt {e['punkt']}"
            if g["punkt"] != e["punkt"] or g["journal"] != e["journal"] or g["closed"] != e["closed"]:
                problems.append(f"{w}: read punkt={g['punkt']} journal={g['journal']!r} closed={g['closed']}, "
                                f"written journal={e['journal']!r} closed={e['closed']}")
            if bool(g.get("indstilling")) != e["has_indstilling"]:
                problems.append(f"{w}: indstilling read={bool(g.get('indstilling'))} written={e['has_indstilling']}")
            gd = [(d["date"], d.get("body"), d["outcome"]) for d in g.get("decisions", [])]
            ed = [(d["date"], d["body"], d["outcome"]) for d in e["decisions"]]
            checked_decisions += len(ed)
            if len(gd) != len(ed):
                problems.append(f"{w}: decisions read {gd}, written {ed}")
                continue
            for (gdate, gbody, gout), (edate, ebody, eout) in zip(gd, ed):
                if gdate != edate or (gbody is not None and gbody != ebody) or gout != eout:
                    text = next((d["text"] for d in g["decisions"] if d["date"] == gdate), "")
                    problems.append(f"{w}: decision read ({gdate}, {gbody}, {gout}), written ({edate}, {ebody}, {eout}); text {text[:120]!r}")
    if store:
        env = clean_env({"SAGSSPOR_TODAY": today} if today else {})
        p = subprocess.run([sagsspor, "--store", store, "--json", "deferred"], capture_output=True, env=env)
        if p.returncode != 0:
            problems.append(f"deferred exited {p.returncode}: {p.stderr.decode(errors='replace')[:300]}")
        else:
            got = sorted(r["journal"] for r in json.loads(p.stdout))
            want = sorted(manifest["deferred"])
            if got != want:
                extra = sorted(set(got) - set(want))[:5]
                missing = sorted(set(want) - set(got))[:5]
                problems.append(f"deferred lists {len(got)} cases, expected {len(want)} (extra {extra}, missing {missing})")
        probe = manifest.get("probe")
        if probe:
            p = subprocess.run([sagsspor, "--store", store, "--json", "log", probe["journal"]], capture_output=True, env=env)
            n = len(json.loads(p.stdout)) if p.returncode == 0 else None
            if n != probe["treatments"]:
                problems.append(f"log {probe['journal']}: {n} treatments, expected {probe['treatments']}")
    print(f"verify: {len(manifest['files'])} files, {checked_items} items, {checked_decisions} decisions checked; "
          f"{len(problems)} mismatches", file=out)
    for p in problems[:20]:
        print("  " + p, file=out)
    return problems


def main(argv):
    args = argv[1:]
    store = today = None
    if "--store" in args:
        i = args.index("--store"); store = args[i + 1]; del args[i:i + 2]
    if "--today" in args:
        i = args.index("--today"); today = args[i + 1]; del args[i:i + 2]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if verify(args[0], args[1], args[2], store, today) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
