"""Demo data for a first run (``luoshi serve --demo``): regions, units, accounts and the sample report.

Everything goes through the same services a user would call, so the demo also exercises them.
Passwords are random, printed once and kept in ``<data dir>/demo-accounts.txt`` (mode 600).
"""

from __future__ import annotations

import importlib.resources
import secrets
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from luoshi_web.org.models import Membership, OrgUnit, Region

SAMPLE = ("examples", "hunan-2024-sample.txt")
UNITS = ("省发展和改革委员会", "省人力资源和社会保障厅", "省农业农村厅", "省统计局", "省教育厅", "省交通运输厅", "省生态环境厅")
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
        user = User.objects.create_user(username=username, password=password, is_superuser=role is None,
                                        is_staff=role is None)
        if role:
            Membership.objects.create(user=user, unit=OrgUnit.objects.get(name=unit_name, region=hunan), role=role)
        passwords[username] = password
    return passwords


def import_sample(supervisor) -> object | None:
    """Import and publish the sample report, assign a few items and report progress on them."""
    from luoshi_web.reports import services as reports
    from luoshi_web.tracking import services as tracking
    from luoshi_web.tracking.models import Commitment

    path = sample_path()
    if not path.is_file():
        print(f"注意: 找不到示例报告 {path}，跳过导入。 (sample report missing; skipped)")
        return None
    hunan = Region.objects.get(name="湖南省")
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
    draft = reports.import_draft_create(user=supervisor, region=hunan, upload=upload, year=2024,
                                        title="湖南省2024年政府工作报告（示例）")
    if not draft.items:
        print("注意: 示例报告没有抽取到条目，导入草稿留待审核。 (no items extracted; draft left for review)")
        return None
    report = reports.import_draft_confirm(user=supervisor, draft=draft, published=True)
    units = {u.name: u for u in OrgUnit.objects.filter(region=hunan)}
    today = timezone.localdate()
    plan = [
        ("就业", "省人力资源和社会保障厅", Decimal("0.55")),
        ("粮食", "省农业农村厅", Decimal("0.30")),
        ("生产总值", "省发展和改革委员会", None),
        ("居民消费价格", "省统计局", Decimal("1.00")),
    ]
    items = list(Commitment.objects.filter(report=report, value__isnull=False))
    for cue, unit_name, share in plan:
        c = next((i for i in items if cue in i.indicator), None)
        if c is None:
            continue
        items.remove(c)
        deadline = date(report.year, 12, 31)
        a = tracking.assignment_set(user=supervisor, commitment=c, lead_unit=units[unit_name], deadline=deadline,
                                    supporting_units=[units["省统计局"]] if unit_name != "省统计局" else [],
                                    result_form="统计数据", reason="示例分工")
        if share is not None and c.value is not None:
            as_of = min(today, deadline) - timedelta(days=1)
            tracking.progress_report_create(
                user=supervisor, assignment=a, as_of=as_of, value=(c.value * share).quantize(Decimal("0.01")),
                narrative="示例进展：按月统计数据报送。",
            )
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
