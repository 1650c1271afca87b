"""Grade recomputation for the largest framework, against a named baseline in the same run.

The workbook regrades the whole audit on every change, so grading must cost about as much as
work the workbook does anyway. The baseline is ``json.dumps`` of the same audit record: the
serialisation the store performs to save the change. Machines here are noisy, so the ratio is
the figure to read; the absolute time is printed for context.

    python benchmarks/grading.py [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import random
import timeit

from auditlib import get_framework, grade
from auditlib.framework import list_frameworks


def largest_framework():
    return max(list_frameworks(), key=lambda f: len(f.sections) + sum(len(s.criteria)
                                                                        for s in f.sections))


def full_audit_record(framework, seed: int = 1) -> dict:
    """Every section and criterion answered, with narratives, flags and five actions."""
    rng = random.Random(seed)
    answers = {}
    for section in framework.sections:
        answer = {n.id: "Evidence text for the child, " * 8 for n in section.narratives}
        if section.scale is not None:
            if section.scale.numeric:
                answer["score"] = rng.randint(0, 10)
            else:
                answer["grade"] = rng.choice(section.scale.levels)
        if section.flags:
            answer["flags"] = {f.id: rng.random() < 0.2 for f in section.flags}
        for criterion in section.criteria:
            answers[criterion.id] = {"grade": rng.choice(section.scale.levels)}
        answers[section.id] = answer
    actions = [{"action": f"Action {i}", "owner": "Team manager", "due": "2026-12-01",
                "signed_off": None} for i in range(5)]
    return {"framework": framework.id, "child_id": "BENCH-1", "answers": answers,
            "actions": actions}


def best_per_call(statement, number: int, repeat: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=repeat)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    results = []
    for framework in [largest_framework(), get_framework("scaled-social-care")]:
        record = full_audit_record(framework)
        grade(framework, record)  # warm the caches
        baseline = best_per_call(lambda r=record: json.dumps(r), 500, args.repeat)
        graded = best_per_call(lambda f=framework, r=record: grade(f, r), 500, args.repeat)
        unvalidated = best_per_call(lambda f=framework, r=record: grade(f, r, validate=False),
                                    500, args.repeat)
        items = len(framework.sections) + sum(len(s.criteria) for s in framework.sections)
        results.append((framework.id, items, baseline, graded, unvalidated))

    print("grade recomputation vs baseline 'json.dumps of the same audit record' (best of "
          f"{args.repeat})")
    for fid, items, baseline, graded, unvalidated in results:
        print(f"{fid:22} {items:3} items  json.dumps {baseline * 1e6:7.1f} us  "
              f"grade {graded * 1e6:7.1f} us (ratio {graded / baseline:4.2f})  "
              f"grade without validation {unvalidated * 1e6:7.1f} us "
              f"(ratio {unvalidated / baseline:4.2f})")


if __name__ == "__main__":
    main()
