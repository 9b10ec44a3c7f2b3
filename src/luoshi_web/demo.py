"""Demo data for a first run (``luoshi serve --demo``): regions, units, accounts and a year in progress.

The bundled sample (湖南省2024年) is imported as *this* year's report, so today falls inside its
year whenever the demo is loaded; its commitments are assigned to demo units (three are left 待分工)
and given month-end progress reports so that the dashboard shows every status: 超进度, 达进度,
欠进度, 严重滞后, 已完成, 逾期未完成, 未启动 and 待分工 (on 1 January nothing can be overdue yet).
Most reports are verified; the newest of several wait in 待核实; the reminders due today are made,
and one 催办 is sent. Everything goes through the same services a user would call, so the demo
also exercises them.
Passwords are random, printed once and kept in ``<data dir>/demo-accounts.txt`` (mode 600).
"""

from __future__ import annotations

import importlib.resources
import re
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from luoshi_web.org.models import Membership, OrgUnit, Region
from luoshi_web.tracking.models import Commitment

SAMPLE = ("examples", "hunan-2024-sample.txt")
UNITS = ("省发展和改革委员会", "省人力资源和社会保障厅", "省农业农村厅", "省统计局", "省教育厅", "省交通运输厅", "省生态环境厅",
         "省住房和城乡建设厅", "省民政厅", "省卫生健康委员会", "省工业和信息化厅")
ACCOUNTS = (
    # username, role, unit, description
    ("admin", None, None, "管理员 administrator"),
    ("duchashi", Membership.Role.SUPERVISOR, "省政府督查室", "督查员 supervisor"),
    ("renshe", Membership.Role.REPORTER, "省人力资源和社会保障厅", "填报员 reporter"),
    ("nongye", Membership.Role.REPORTER, "省农业农村厅", "填报员 reporter"),
)


def sample_path() -> Path:
    return Path(str(importlib.resources.files("luoshi").joinpath(*SAMPLE)))


def demo_loaded() -> bool:
    return get_user_model().objects.filter(username="duchashi").exists()


@transaction.atomic
def create_people() -> dict[str, str]:
    """Regions, units and accounts; returns username -> password."""
    User = get_user_model()
    china, _ = Region.objects.get_or_create(name="中国", parent=None, defaults={"level": Region.Level.NATION})
    hunan, _ = Region.objects.get_or_create(name="湖南省", parent=china, defaults={"level": Region.Level.PROVINCE})
    Region.objects.get_or_create(name="长沙市", parent=hunan, defaults={"level": Region.Level.CITY})
    office, _ = OrgUnit.objects.get_or_create(name="省政府督查室", region=hunan, defaults={"is_supervision_office": True})
    for name in UNITS:
        OrgUnit.objects.get_or_create(name=name, region=hunan)
    passwords = {}
    for username, role, unit_name, _ in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        # .invalid never resolves: the e-mail copies of reminders show in the console, reach nobody
        user = User.objects.create_user(username=username, password=password, is_superuser=role is None,
                                        is_staff=role is None, email=f"{username}@demo.invalid")
        if role:
            Membership.objects.create(user=user, unit=OrgUnit.objects.get(name=unit_name, region=hunan), role=role)
        passwords[username] = password
    return passwords


def relabelled_sample(year: int) -> str:
    """The bundled 2024 report told as this year's: 2024年 → ``year``年, 2023年 → the year before.

    Only years written as years (四位数字 + 年) change, and not in the note that says where the text
    comes from; every figure stays as published.

    >>> relabelled_sample(2031).splitlines()[0]
    '湖南省2031年政府工作报告（示例文本）'
    """
    shift = {"2024": str(year), "2023": str(year - 1)}
    lines = []
    for line in sample_path().read_text(encoding="utf-8").splitlines():
        if not line.startswith("说明"):
            line = re.sub(r"(?<!\d)(2023|2024)(?=年)", lambda m: shift[m.group(1)], line)
        lines.append(line)
    return "\n".join(lines) + "\n"


# The year in progress: each commitment found by its words gets a lead unit and a recipe for its
# progress history, chosen so that every status shows on any day of the year (see plan_for).
PLAN = (
    # cue, lead unit, recipe
    ("城镇新增就业", "省人力资源和社会保障厅", "behind"),
    ("粮食产量", "省农业农村厅", "on_track"),
    ("地区生产总值增长", "省发展和改革委员会", "level"),
    ("改造提升老旧小区", "省住房和城乡建设厅", "on_track"),
    ("美丽乡村示范村", "省农业农村厅", "done"),
    ("美丽宜居村庄", "省农业农村厅", "ahead"),
    ("寄宿制学校", "省教育厅", "ahead"),
    ("普惠性托位", "省卫生健康委员会", "overdue"),
    ("城市低保标准", "省民政厅", "done"),
    ("农村低保标准", "省民政厅", "on_track"),
    ("特困人员", "省民政厅", "on_track"),
    ("两癌", "省卫生健康委员会", "behind"),
    ("改造城镇老旧小区", "省住房和城乡建设厅", "severe"),
    ("保障性租赁住房", "省住房和城乡建设厅", "on_track"),
    ("农村公路", "省交通运输厅", "severe"),
    ("老年助餐", "省民政厅", "not_started"),
    ("岳阳乙烯", "省发展和改革委员会", "on_track"),
    ("广汽埃安", "省工业和信息化厅", "behind"),
    ("吉利", "省工业和信息化厅", "ahead"),
)
# left for the supervisor to assign (待分工): a cap that is a price index, a sector goal, a project
UNASSIGNED = ("居民消费价格", "旅游业总收入", "储能产业基地")
FACTOR = {"ahead": Decimal("1.3"), "on_track": Decimal("1.0"), "behind": Decimal("0.8"), "severe": Decimal("0.4"),
          "overdue": Decimal("0.6")}


def plan_for(recipe: str, today: date) -> tuple[date, list, Decimal | None]:
    """Deadline, milestones and the share of the plan reached today, for one recipe.

    A deadline is 31 December, or four months ahead late in the year, so the plan never runs out;
    an overdue one passed ten days ago; a not-started one plans nothing before next month.
    """
    from luoshi_web.tracking.services import MilestoneInput

    year_end = date(today.year, 12, 31)
    long = max(year_end, today + timedelta(days=120))
    if recipe == "overdue":
        return max(date(today.year, 1, 1), today - timedelta(days=10)), [], FACTOR["overdue"]
    if recipe == "not_started":
        return long, [MilestoneInput(due=min(today + timedelta(days=30), long), planned_value=Decimal(0),
                                     description="启动")], None
    if recipe == "done":
        return year_end if year_end > today else long, [], Decimal(1)
    return long, [], FACTOR.get(recipe, Decimal(1))


def _history(supervisor, assignment, recipe: str, share: Decimal | None, today: date) -> None:
    """Month-end reports from January up to today, growing to ``share`` of the plan today (so the
    dashboard's month-by-month trend tells the same story)."""
    from luoshi_web.tracking import services as tracking
    from luoshi_web.tracking.status import elapsed_fraction, year_plan

    c = assignment.commitment
    if share is None:
        return
    start = date(today.year, 1, 1)
    plan = year_plan(today.year, assignment.deadline)
    last = min(today, assignment.deadline) if recipe == "overdue" else today
    days = [d for d in (date(today.year, m + 1, 1) - timedelta(days=1) for m in range(1, 12)) if start <= d < last]
    days.append(last)
    for n, as_of in enumerate(days, 1):
        reached = Decimal(1) if recipe == "done" else share * elapsed_fraction(plan, today)
        if recipe == "ahead":
            reached = min(reached, Decimal("0.97"))  # ahead of the plan, not yet complete
        part = reached * Decimal(n) / Decimal(len(days))
        value = percent = None
        if c.value is None:
            percent = min(Decimal(100), (part * 100).quantize(Decimal("0.1")))
        elif c.measure == Commitment.Measure.LEVEL:
            value = (c.value * Decimal("0.97")).quantize(Decimal("0.01"))
        else:
            value = (c.value * min(part, Decimal(1))).quantize(Decimal("0.01"))
        p = tracking.progress_report_create(
            user=supervisor, assignment=assignment, as_of=as_of, value=value, percent_done=percent,
            narrative=f"示例进展（{as_of:%m月}）：按{assignment.get_frequency_display()}报送。")
        if n < len(days) or recipe in {"done", "severe"}:  # the newest of the others waits in 待核实
            tracking.progress_report_verify(user=supervisor, progress=p, verified=True, note="示例核实")


def import_sample(supervisor, today: date | None = None) -> object | None:
    """Import and publish the sample as this year's report, assign it and build a year of progress."""
    from luoshi.sandbox import shipped_file
    from luoshi_web.reports import services as reports
    from luoshi_web.supervision.services import reminder_send, reminders_generate
    from luoshi_web.tracking import services as tracking
    from luoshi_web.tracking.models import Assignment

    if not sample_path().is_file():
        print(f"注意: 找不到示例报告 {sample_path()}，跳过导入。 (sample report missing; skipped)")
        return None
    today = today or timezone.localdate()
    hunan = Region.objects.get(name="湖南省")
    text = relabelled_sample(today.year).encode("utf-8")
    upload = SimpleUploadedFile(f"hunan-{today.year}-sample.txt", text, content_type="text/plain")
    with shipped_file():  # our own sample: read here, no child process left in the server before it forks
        draft = reports.import_draft_create(user=supervisor, region=hunan, upload=upload, year=today.year,
                                            title=f"湖南省{today.year}年政府工作报告（示例）")
    if not draft.items:
        print("注意: 示例报告没有抽取到条目，导入草稿留待审核。 (no items extracted; draft left for review)")
        return None
    report = reports.import_draft_confirm(user=supervisor, draft=draft, published=True, on_duplicate="keep")
    units = {u.name: u for u in OrgUnit.objects.filter(region=hunan)}
    items = [c for c in Commitment.objects.filter(report=report, parent__isnull=True).order_by("position", "id")
             if c.kind != Commitment.Kind.RESULT and not any(cue in c.indicator for cue in UNASSIGNED)]
    for cue, unit_name, recipe in PLAN:
        c = next((i for i in items if cue in i.indicator), None)
        if c is None:
            continue
        items.remove(c)
        deadline, milestones, share = plan_for(recipe, today)
        a = tracking.assignment_set(user=supervisor, commitment=c, lead_unit=units[unit_name], deadline=deadline,
                                    supporting_units=[units["省统计局"]] if c.value is not None else [],
                                    result_form="统计数据" if c.value is not None else "项目进度",
                                    frequency=Assignment.Frequency.MONTHLY, milestones=milestones,
                                    reason="示例分工")
        _history(supervisor, a, recipe, share, today)
    # the year began on 1 January: the assignments were made then (reminders count reports from there)
    Assignment.objects.filter(commitment__report=report).update(
        created_at=timezone.make_aware(datetime(today.year, 1, 1, 9)))
    reminders_generate(today=today)
    lagging = Assignment.objects.filter(commitment__report=report, commitment__indicator__contains="农村公路").first()
    if lagging is not None:
        reminder_send(user=supervisor, commitment=lagging.commitment,
                      reason="进度严重滞后，请于本周内报送整改措施和最新进展。")
    return report


def load_demo(data_dir: Path | None = None) -> dict[str, str] | None:
    """Create the demo once; returns the new passwords, or ``None`` when it already exists."""
    if demo_loaded():
        return None
    passwords = create_people()
    supervisor = get_user_model().objects.get(username="duchashi")
    import_sample(supervisor)
    data_dir = data_dir or Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    creds = data_dir / "demo-accounts.txt"
    lines = [f"{u}\t{p}\t{desc}" for (u, _, _, desc), p in zip(ACCOUNTS, passwords.values(), strict=True)]
    creds.write_text("\n".join(lines) + "\n", encoding="utf-8")
    creds.chmod(0o600)
    return passwords


def describe_accounts(passwords: dict[str, str]) -> str:
    desc = {u: d for u, _, _, d in ACCOUNTS}
    return "\n".join(f"  {u:10s} {p:16s} {desc[u]}" for u, p in passwords.items())
