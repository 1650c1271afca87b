"""The commands that stand beside the month's work: agreement, anonymise, serve."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from auditlib.cli.common import EXIT_OK, CommandError, print_json
from auditlib.text import shown


def cmd_agreement(args: argparse.Namespace) -> int:
    """Inter-rater agreement on an ordered scale: percent and within-one agreement, Cohen's
    kappa (two raters), Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and AC2, each with a 95%
    interval, and each rater's bias against the reference rater. RATINGS.csv has columns unit,
    rater, grade; when the units are fields of audits, --cluster names the column giving each
    unit's audit, so the intervals count audits, not fields, as the observations."""
    import math

    from auditlib.agreement import (
        intervals,
        levels_from,
        read_clusters_csv,
        read_ratings_csv,
        summary,
    )

    if not args.levels and not args.scale:
        raise CommandError("give the ordered scale: --levels A,B,C or --scale ID "
                           "(ofsted4, good3, score10)")
    try:
        levels = levels_from(scale=args.scale, levels=args.levels)
        ratings = read_ratings_csv(args.ratings, levels)
        clusters: dict[Any, Any] | None = (read_clusters_csv(args.ratings, args.cluster)
                                           if args.cluster else None)
        result = summary(ratings, levels, reference=args.reference)
        ranges = intervals(ratings, levels, clusters)
    except ValueError as exc:
        raise CommandError(f"{args.ratings}: {exc}") from None
    groups = len(set(clusters.values())) if clusters else result["n_units"]
    how = {"confidence": 0.95, "clusters": args.cluster or "each unit its own",
           "n_clusters": groups, "method": "jackknife"}

    def undefined_is_null(value: Any) -> Any:
        # JSON has no NaN: an undefined statistic is null
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, dict):
            return {k: undefined_is_null(v) for k, v in value.items()}
        if isinstance(value, list):
            return [undefined_is_null(v) for v in value]
        return value
    if args.json:
        print_json(undefined_is_null({**result, "intervals": ranges, "intervals_by": how}))
        return EXIT_OK

    def show(value: Any, interval: Any = False) -> str:
        if value is None:
            return "n/a"
        if math.isnan(value):
            return "undefined (every grade is the same level: nothing to agree on beyond chance)"
        if interval is False:
            return f"{value:.3f}"
        if interval is None:
            return (f"{value:.3f} (no interval: too few units or clusters, or every one "
                    f"left out gives the same value)")
        return f"{value:.3f} (95% interval {interval[0]:.3f} to {interval[1]:.3f})"
    # raters, units and levels are the CSV file's text
    print(f"{result['n_units']} units; levels (in order): {shown(', '.join(result['levels']))}")
    if args.cluster:
        print(f"intervals count {groups} clusters ({shown(args.cluster)}), not "
              f"{result['n_units']} units, as the observations")
    print(f"percent agreement {show(result['percent_agreement'], ranges['percent_agreement'])}")
    print(f"within one grade {show(result['within_one'], ranges['within_one'])}")
    if result["cohen_kappa"]:
        k, ki = result["cohen_kappa"], ranges["cohen_kappa"]
        for name in ("unweighted", "linear", "quadratic"):
            print(f"Cohen's kappa, {name}: {show(k[name], ki[name])}")
    if result["fleiss_kappa"] is None:
        print("Fleiss' kappa n/a (units have different numbers of grades)")
    else:
        print(f"Fleiss' kappa {show(result['fleiss_kappa'], ranges['fleiss_kappa'])}")
    a, ai = result["krippendorff_alpha"], ranges["krippendorff_alpha"]
    for name in ("nominal", "ordinal", "interval"):
        print(f"Krippendorff's alpha, {name}: {show(a[name], ai[name])}")
    print(f"Gwet's AC1 {show(result['gwet_ac1'], ranges['gwet_ac1'])}")
    g, gi = result["gwet_ac2"], ranges["gwet_ac2"]
    for name in ("linear", "quadratic"):
        print(f"Gwet's AC2, {name}: {show(g[name], gi[name])}")
    print(f"(intervals: a jackknife leaving out one {'audit' if args.cluster else 'unit'} at a "
          f"time; see benchmarks/interval_coverage.py for how often they hold the truth)")
    reference = result["reference"]["rater"]
    print(f"Raters against {shown(reference)} ({shown(result['reference']['chosen'])}):")
    for rater, info in result["raters"].items():
        if info["in_common_with_reference"] is None:
            print(f"  {shown(rater)}: {info['n']} grades (the reference)")
            continue
        print(f"  {shown(rater)}: {info['n']} grades, {info['in_common_with_reference']} units in "
              f"common, exact agreement {show(info['exact_agreement'])}, mean difference "
              f"{show(info['mean_difference'])} levels (positive: later in the scale's order)")
    return EXIT_OK


def cmd_anonymise(args: argparse.Namespace) -> int:
    """Remove what identifies a person from a case text (names, dates, addresses, postcodes,
    NHS and National Insurance numbers, phones, emails, references, schools, GP practices)
    before it is shared. Dates move by one shift derived from --key (or AUDITLIB_ANONYMISE_KEY);
    --report lists every replacement for a person to review."""
    from auditlib.anonymise import anonymise_file

    key = args.key or os.environ.get("AUDITLIB_ANONYMISE_KEY")
    result = anonymise_file(args.input, args.out, key=key, report_path=args.report)
    if args.out is None:
        sys.stdout.write(result.text)
    counts = ", ".join(f"{k} {n}" for k, n in result.counts().items()) or "none"
    print(f"auditlib: {len(result.replacements)} replacements ({counts})", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the workbooks (or one workbook) with Voilà on 127.0.0.1, with token
    authentication, and print the links to open."""
    from auditlib.service.serve import serve

    return serve(args.path, store=args.store, port=args.port, open_browser=not args.no_browser,
                 demo=args.demo, user=args.user, public_url=args.public_url)
