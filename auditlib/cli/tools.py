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
    kappa (two raters), Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and AC2, and each
    rater's bias against the reference rater. RATINGS.csv has columns unit, rater, grade."""
    from auditlib.agreement import levels_from, read_ratings_csv, summary

    if not args.levels and not args.scale:
        raise CommandError("give the ordered scale: --levels A,B,C or --scale ID "
                           "(ofsted4, good3, score10)")
    try:
        levels = levels_from(scale=args.scale, levels=args.levels)
        ratings = read_ratings_csv(args.ratings, levels)
        result = summary(ratings, levels, reference=args.reference)
    except ValueError as exc:
        raise CommandError(f"{args.ratings}: {exc}") from None
    if args.json:
        print_json(result)
        return EXIT_OK

    def show(value: Any) -> str:
        return "n/a" if value is None else f"{value:.3f}"
    # raters, units and levels are the CSV file's text
    print(f"{result['n_units']} units; levels (in order): {shown(', '.join(result['levels']))}")
    print(f"percent agreement {show(result['percent_agreement'])}; within one grade "
          f"{show(result['within_one'])}")
    if result["cohen_kappa"]:
        k = result["cohen_kappa"]
        print(f"Cohen's kappa: unweighted {show(k['unweighted'])}, linear {show(k['linear'])}, "
              f"quadratic {show(k['quadratic'])}")
    print(f"Fleiss' kappa {show(result['fleiss_kappa'])}")
    a = result["krippendorff_alpha"]
    print(f"Krippendorff's alpha: nominal {show(a['nominal'])}, ordinal {show(a['ordinal'])}, "
          f"interval {show(a['interval'])}")
    g = result["gwet_ac2"]
    print(f"Gwet's AC1 {show(result['gwet_ac1'])}; AC2 linear {show(g['linear'])}, quadratic "
          f"{show(g['quadratic'])}")
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
