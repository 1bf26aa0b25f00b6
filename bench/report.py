#!/usr/bin/env python3
"""Turns bench/run.sh's results folder into the markdown tables of bench/README.md.

usage: report.py RESULTS_DIR [README]   (README empty or absent: print only)

The tables replace what stands between <!-- results:start --> and <!-- results:end -->.
"""
import json
import os
import sys

START, END = "<!-- results:start -->", "<!-- results:end -->"


def read_env(path):
    out = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            out[k] = v
    return out


def means(path):
    """Per command: mean wall, its standard deviation, mean CPU (user + system), in seconds."""
    with open(path) as f:
        data = json.load(f)
    return {r["command"]: (r["mean"], r["stddev"] or 0.0, r["user"] + r["system"]) for r in data["results"]}


def rss_mib(results, name):
    try:
        with open(os.path.join(results, name + ".rss")) as f:
            return int(f.read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        return float("nan")


def main():
    results = sys.argv[1]
    readme = sys.argv[2] if len(sys.argv) > 2 else ""
    m = read_env(os.path.join(results, "machine.env"))
    sizes = os.environ.get("BENCH_N", "").split()
    bundled = means(os.path.join(results, "bundled.json"))["totals"]

    lines = [
        f"Measured {m['date']} at commit {m['commit']} by `BENCH_N=\"{' '.join(sizes)}\" bench/run.sh` "
        f"({m['runs']} timed runs a command after one warm-up, seed {m['seed']}, files in the page cache).",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['kernel']}, {m['go']}; "
        f"{m['hledger']}, {m['ledger']}, {m['hyperfine']}.",
        f"- Load average (1, 5, 15 min) before: {m['load_before']}; after: {m['load_after']}. "
        "On a shared machine wall times carry the other users' load.",
        f"- Bundled catalog (36 proposals): `budget totals` {bundled[0] * 1000:.1f} ms ± {bundled[1] * 1000:.1f} ms wall, start-up included (target < 30 ms).",
        "",
        "### budget against the YAML parse floor",
        "",
        "Wall time is the mean of the timed runs; 2 cores is the default (GOMAXPROCS=2), 1 core is "
        "GOMAXPROCS=1. CPU is user + system time of the 2-core runs: on a busy machine it says more "
        "than wall time about the work done. The floor is `bench/yamlfloor`: the same files read and "
        "parsed into yaml.v3 nodes and nothing else. Peak memory is the maximum resident set of one "
        "run (GNU time). files/s and MB/s are from the 2-core wall time.",
        "",
        "| N | files | MB | command | wall, 2 cores (s) | wall, 1 core (s) | 1 → 2 cores | CPU (s) | wall ÷ floor | CPU ÷ floor | peak RSS (MiB) | files/s | MB/s |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    compare = [
        "### budget totals against hledger and ledger-cli",
        "",
        "The same job on the same data: Table 1 (each committee's contribution per year) from the "
        "generated journal, one transaction per proposal and year, one posting per row: "
        "`hledger balance -Y --depth 1` and `ledger balance --depth 1` (ledger-cli prints one total "
        "per committee, not per year: less work than the other two). A ratio above 1 means budget is faster.",
        "",
        "| N | budget totals (s) | hledger (s) | ledger (s) | hledger ÷ budget | ledger ÷ budget | CPU budget / hledger / ledger (s) | peak RSS budget / hledger / ledger (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for n in sizes:
        size = read_env(os.path.join(results, f"{n}.size"))
        files, mb = int(size["files"]), int(size["bytes"]) / 1e6
        t = means(os.path.join(results, f"{n}.json"))
        floor, floor_cpu = t["floor"][0], t["floor"][2]
        for name, label in (("validate", "`budget validate`"), ("totals", "`budget totals`"), ("floor", "YAML parse floor")):
            two, one, cpu = t[name][0], t[name + "-1core"][0], t[name][2]
            lines.append(
                f"| {int(n):,} | {files:,} | {mb:.0f} | {label} | {two:.2f} ± {t[name][1]:.2f} | {one:.2f} | "
                f"{one / two:.2f}× | {cpu:.2f} | {two / floor:.2f}× | {cpu / floor_cpu:.2f}× | "
                f"{rss_mib(results, f'{n}-{name}'):.0f} | {files / two:,.0f} | {mb / two:.1f} |"
            )
        b, h, l = t["totals"][0], t["hledger"][0], t["ledger"][0]
        compare.append(
            f"| {int(n):,} | {b:.2f} | {h:.2f} | {l:.2f} | {h / b:.2f}× | {l / b:.2f}× | "
            f"{t['totals'][2]:.2f} / {t['hledger'][2]:.2f} / {t['ledger'][2]:.2f} | "
            f"{rss_mib(results, f'{n}-totals'):.0f} / {rss_mib(results, f'{n}-hledger'):.0f} / {rss_mib(results, f'{n}-ledger'):.0f} |"
        )
    text = "\n".join(lines + [""] + compare) + "\n"
    print(text)
    if not readme:
        return
    with open(readme) as f:
        doc = f.read()
    i, j = doc.find(START), doc.find(END)
    if i < 0 or j < i:
        sys.exit(f"report: {readme} has no {START} ... {END} section")
    with open(readme, "w") as f:
        f.write(doc[: i + len(START)] + "\n" + text + doc[j:])


if __name__ == "__main__":
    main()
