"""The training pages: a trainee grades an exemplar blind, then sees the benchmark; the cohort
page shows how a group of trainees is calibrating."""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from auditlib.consistency import NO_INTERVAL, interval_words
from auditlib.pages.audit import AuditWorkbook
from auditlib.pages.base import Page, open_page
from auditlib.pages.html import e, style, table
from auditlib.record import interchange_record
from auditlib.store import EDITABLE, AuditStore
from auditlib.training import Exemplar, cohort_results, compare, list_exemplars, next_exemplar

#: why a trainee's figures have no interval: each exercise is one observation, and one is too few
TOO_FEW = "no interval"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def case_file_html(exemplar: Exemplar) -> str:
    parts = [f"<p class='aw-fictional'>{e(exemplar.notice)}</p>"]
    for heading, text in exemplar.case_file:
        parts.append(f"<h3>{e(heading)}</h3><p class='aw-case-text'>{e(text.strip())}</p>")
    # the summary holds the heading its parts' h3 come under, so the outline reads in order
    return (f"<details open class='aw-case-file'><summary><h2>The case file: "
            f"{e(exemplar.title)}</h2></summary>{''.join(parts)}</details>")


#: what a trainee reads once their exercise is submitted (the workbook's words are an auditor's)
SUBMITTED = "Your exercise is submitted: compare your grades with the benchmark"


def comparison_html(comparison: Any, exemplar: Exemplar, framework_title: str,
                    shows: int = 0) -> str:
    """The comparison, under a heading that takes focus (tabindex -1) when ``shows`` is new:
    the template's script focuses it, as it does the error summary, so a Submit pressed at the
    foot of the form takes the trainee up to the comparison (0: focus is left where it is)."""
    kappa = "—" if comparison.weighted_kappa is None else f"{comparison.weighted_kappa:.2f}"
    show = f" data-aw-show='{shows}'" if shows else ""
    head = (f"<h2 class='aw-results-heading' tabindex='-1'{show}>Your grades against the "
            f"benchmark</h2><p>{SUBMITTED} below.</p><p>{e(framework_title)}, "
            f"{e(exemplar.title)}. You matched the benchmark on "
            f"<strong>{_pct(comparison.exact)}</strong> of the fields and were within one grade "
            f"on {_pct(comparison.within_one)}; weighted kappa {kappa}. Overall, you graded "
            f"{e(comparison.tendency)}.</p>")
    return head + table(comparison.rows, [
        ("title", "Field"), ("trainee", "Your grade"), ("benchmark", "Benchmark grade"),
        ("off_by", "Your grade was"), ("rationale", "Why the benchmark says so")],
        "Field by field", flag=None)


class ExerciseWorkbook(AuditWorkbook):
    """A trainee's exercise: once submitted it is read-only, said in a trainee's words (there
    is no auditor or moderator in an exercise), pointing to the comparison."""

    def settled_words(self) -> str:
        if self.record["status"] not in EDITABLE:
            return f"Saved. {SUBMITTED} at the top of the page."
        return "Saved"

    def read_only_reason(self) -> str:
        if self.user != self.record["auditor"]:
            return super().read_only_reason()
        return f"{SUBMITTED} at the top of the page."


class CalibrationPage(Page):
    """Pick an exemplar and a framework, grade it blind, then compare with the benchmark."""

    def __init__(self, store: AuditStore, user: str | None = None,
                 exemplars: list[Exemplar] | None = None, save_delay: float = 0.4,
                 exemplar: str | None = None):
        super().__init__(store, user, ("train",))
        self.save_delay = save_delay
        self.exemplars = {e.id: e for e in (exemplars or list_exemplars())}
        label_width = {"description_width": "8rem"}
        self.exemplar = w.Dropdown(options=[(e.title, e.id) for e in self.exemplars.values()],
                                   description="Exemplar", style=label_width,
                                   layout=w.Layout(width="40rem", max_width="100%"))
        self.exemplar.add_class("aw-exemplar")
        if exemplar in self.exemplars:
            self.exemplar.value = exemplar
        self.framework = w.Dropdown(description="Framework", style=label_width,
                                    layout=w.Layout(width="40rem", max_width="100%"))
        self.framework.add_class("aw-exemplar-framework")
        self.exemplar.observe(lambda _c: self._frameworks(), names="value")
        self.start_button = w.Button(description="Start grading", layout=w.Layout(width="auto"))
        self.start_button.add_class("aw-start")
        self.start_button.on_click(self._on_start)
        self.again_button = w.Button(description="Grade another exemplar",
                                     tooltip="Another case, against the same framework",
                                     layout=w.Layout(width="auto"), disabled=True)
        self.again_button.add_class("aw-again")
        self.again_button.on_click(self._on_again)
        self.summary = w.HTML()
        self.case = w.HTML()
        self.case.add_class("aw-case")
        self.results = w.HTML()
        self.results.add_class("aw-results")
        self.form = w.VBox()
        self.workbook: AuditWorkbook | None = None
        self.submissions = 0  # each one moves focus to the comparison once (data-aw-show)
        self._frameworks()
        self.widget = w.VBox([
            w.HTML(style("workbook", "tables", "calibration") + "<h1>Calibration training</h1>"
                   "<p>Grade a fictional "
                   f"exemplar case blind, then compare with the benchmark. Signed in as "
                   f"{e(self.user)}.</p>"),
            self.exemplar, self.framework, self.summary,
            w.HBox([self.start_button, self.again_button]), self.results, self.case, self.form],
            layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-training")

    def _frameworks(self) -> None:
        from auditlib.framework import get_framework

        exemplar = self.exemplars[self.exemplar.value]
        self.framework.options = [(get_framework(f).title, f) for f in exemplar.benchmarks]
        self.framework.value = next(iter(exemplar.benchmarks))
        self.summary.value = f"<p>{e(exemplar.summary)}</p>"

    def _attempts(self) -> list[dict[str, Any]]:
        exemplar = self.exemplars[self.exemplar.value]
        return self.store.find_audits(auditor=self.user, child_id=exemplar.child_id,
                                      framework=self.framework.value, training=True)

    def _on_start(self, _button: Any = None, new_attempt: bool = False) -> None:
        exemplar = self.exemplars[self.exemplar.value]
        attempts = self._attempts()
        if attempts and not new_attempt:
            audit_id = attempts[-1]["audit_id"]
        else:
            audit_id = self.store.add_audit(framework=self.framework.value,
                                            child_id=exemplar.child_id, auditor=self.user,
                                            user=self.user, training=True)
        self.case.value = case_file_html(exemplar)
        self.workbook = ExerciseWorkbook(self.store, audit_id, user=self.user,
                                         save_delay=self.save_delay,
                                         on_submitted=self._on_submitted,
                                         submit_label="Submit and compare with the benchmark")
        self.form.children = [self.workbook.widget]
        self.results.value = ""
        self.again_button.disabled = True
        if self.workbook.record["status"] != "in_progress":
            self.show_results()

    def _on_again(self, _button: Any = None) -> None:
        """Grade another exemplar against the same framework: one this trainee has not graded,
        else the one graded longest ago (the same one only when it is the only one)."""
        framework, current = self.framework.value, self.exemplar.value
        chosen = next_exemplar(self.store, self.user, list(self.exemplars.values()), framework,
                               current)
        if chosen is None or chosen.id == current:
            self._on_start(new_attempt=True)
            return
        self.exemplar.value = chosen.id  # resets the framework to the exemplar's first
        self.framework.value = framework
        attempts = self._attempts()  # an unfinished attempt is taken up; else a new one
        self._on_start(new_attempt=bool(attempts) and attempts[-1]["status"] != "in_progress")

    def _on_submitted(self) -> None:
        """Submit sits at the foot of the form and is then disabled: focus goes up to the
        comparison (each Submit anew)."""
        self.submissions += 1
        self.show_results(focus=True)

    def show_results(self, focus: bool = False) -> None:
        from auditlib.framework import get_framework

        if self.workbook is None:
            return
        exemplar = self.exemplars[self.exemplar.value]
        framework = get_framework(self.framework.value)
        record = self.store.find_audit(self.workbook.audit_id)
        comparison = compare(framework, interchange_record(record),
                             exemplar.benchmarks[framework.id])
        self.comparison = comparison
        self.results.value = comparison_html(comparison, exemplar, framework.title,
                                             self.submissions if focus else 0)
        self.again_button.disabled = False


class CohortPage(Page):
    """A cohort's calibration: per trainee, the fields the cohort finds hardest, progress. For
    lead auditors and moderators."""

    def __init__(self, store: AuditStore, exemplars: list[Exemplar] | None = None,
                 framework: str | None = None, user: str | None = None):
        super().__init__(store, user, ("cohort",))
        data = cohort_results(store, exemplars or list_exemplars(), framework=framework)
        names = {u["name"]: u.get("display_name") or u["name"] for u in store.find_users()}
        for row in data["trainees"] + data["attempts"]:
            row["trainee_name"] = names.get(row["trainee"], row["trainee"])
        for row in data["trainees"]:
            # each exercise is one observation: the fields of one are not independent
            interval = None if row["low"] is None else (row["low"], row["high"])
            row["alignment_text"] = f"{_pct(row['alignment'])} " + interval_words(
                interval, _pct, TOO_FEW)
            k = row["weighted_kappa"]
            row["kappa_text"] = "—" if k is None else \
                f"{k:.2f} " + interval_words(row["kappa_interval"], too_few=TOO_FEW)
            d = row["mean_difference"]
            row["bias_text"] = ("in line with the benchmark" if abs(d) < 0.05 else
                                ("harsher" if d > 0 else "more lenient") +
                                f" than the benchmark ({d:+.2f} grades)")
        for row in data["fields"]:
            row["agreement_text"] = _pct(row["agreement"])
        for row in data["attempts"]:
            row["exact_text"] = _pct(row["exact"])
            row["kappa_text"] = "—" if row["weighted_kappa"] is None else \
                f"{row['weighted_kappa']:.2f}"
        self.data = data
        self.trainees = w.HTML(table(data["trainees"], [
            ("trainee_name", "Trainee"), ("exercises", "Exercises"), ("fields", "Fields graded"),
            ("alignment_text", "Alignment with the benchmark (95% interval)"),
            ("kappa_text", "Weighted kappa (95% interval)"), ("bias_text", "Tendency")],
            "Agreement per trainee"))
        self.trainees.add_class("aw-cohort-trainees")
        self.fields = w.HTML(table(data["fields"][:15], [
            ("framework_title", "Framework"), ("title", "Field"), ("grades", "Grades"),
            ("agreement_text", "Matched the benchmark")],
            "Where the cohort disagrees with the benchmark most"))
        self.fields.add_class("aw-cohort-fields")
        self.progress = w.HTML(table(data["attempts"], [
            ("trainee_name", "Trainee"), ("attempt", "Exercise"), ("exemplar_title", "Exemplar"),
            ("framework_title", "Framework"), ("exact_text", "Matched"),
            ("kappa_text", "Weighted kappa")], "Progress over repeated exercises"))
        self.progress.add_class("aw-cohort-progress")
        heading = w.HTML(style("workbook", "tables") + "<h1>Calibration: the cohort</h1><p>The "
                         "95% intervals treat each exercise as one observation: the fields "
                         "graded in one exercise are not independent. "
                         f"{NO_INTERVAL.format(units='exercises')}</p>")
        self.widget = w.VBox([heading,
                              self.trainees, self.fields, self.progress],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")


def open_calibration(exemplar: str | None = None, store_url: str | None = None,
                     user: str | None = None) -> Any:
    """The calibration page for a notebook to display (store from ``AUDITLIB_STORE``)."""
    return open_page("Training cannot be opened",
                     lambda store: CalibrationPage(store, user=user, exemplar=exemplar), store_url)


def open_cohort(framework: str | None = None, store_url: str | None = None,
                user: str | None = None) -> Any:
    """The cohort page for a notebook to display: lead auditors and moderators."""
    return open_page("The cohort page cannot be opened",
                     lambda store: CohortPage(store, framework=framework, user=user), store_url)
