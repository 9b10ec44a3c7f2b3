"""Importing a report: upload -> draft (reviewed, nothing tracked yet) -> confirm (one transaction)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from luoshi_web.errors import DomainError
from luoshi_web.org.access import actor_for
from luoshi_web.org.models import Region
from luoshi_web.reports import review
from luoshi_web.reports.models import ImportDraft, Report
from luoshi_web.tracking.models import Commitment
from luoshi_web.validators import parse_decimal, parse_year, year_ok

REPORT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf"}


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def existing_report(region: Region, sha256: str) -> Report | None:
    return Report.objects.filter(region=region, sha256=sha256).first()


def same_year_reports(region: Region, year: int | None) -> list[Report]:
    """The live reports of a region-year, oldest first: what a new import of that year would sit beside."""
    if not year:
        return []
    return list(Report.objects.filter(region=region, year=year).select_related("imported_by").order_by("imported_at", "pk"))


ON_DUPLICATE = ("replace", "keep")


def _duplicate_message(report: Report) -> str:
    when = report.imported_at.strftime("%Y-%m-%d")
    return _("该文件已于 %(date)s 导入为《%(title)s》（编号 %(id)s），无需重复导入。如需重新导入，请先删除原报告。") % {
        "date": when, "title": report.title, "id": report.pk}


class DraftUnderReview(DomainError):
    """The file is already an open draft of this region: review that one (a second copy would be
    reviewed twice, or confirmed twice into the same report)."""

    def __init__(self, draft: ImportDraft) -> None:
        self.draft = draft
        super().__init__(_("这份文件已在审核中：《%(title)s》（草稿编号 %(id)s，%(date)s 上传），无需重复导入。"
                           "请打开该草稿继续审核；如要重新提取，请先放弃该草稿。") % {
            "title": draft.title, "id": draft.pk, "date": timezone.localtime(draft.created_at).strftime("%Y-%m-%d")})


# Endings a region's name is also written without (湖南省 -> 湖南, 广西壮族自治区 -> 广西).
_REGION_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "地区",
                   "省", "市", "县", "区", "盟")
_CHINESE_DIGITS = ("〇一二三四五六七八九", "○一二三四五六七八九", "零一二三四五六七八九", "O一二三四五六七八九")


def default_title(region: Region, year: int | None) -> str:
    """The title a report gets when its file has none worth keeping: 湖南省2024年政府工作报告."""
    return f"{region.name}{year}年政府工作报告" if year else f"{region.name}政府工作报告"


def _region_names(region: Region) -> set[str]:
    names = {region.name}
    for ending in _REGION_ENDINGS:
        if region.name.endswith(ending) and len(region.name) - len(ending) >= 2:
            names.add(region.name[: -len(ending)])
    if region.level == Region.Level.NATION:
        names.update({"国务院", "全国", "中国", "中华人民共和国"})
    return names


def _year_forms(year: int) -> set[str]:
    return {str(year), *("".join(digits[int(d)] for d in str(year)) for digits in _CHINESE_DIGITS)}


def title_names_the_report(title: str, region: Region, year: int | None) -> bool:
    """Whether a title read from the file says which report it is: a report (报告) of this region and,
    when the year is known, of that year. Page furniture (下载, 首页) and a bare 政府工作报告 do not.

    >>> hunan = Region(name="湖南省", level=Region.Level.PROVINCE)
    >>> [title_names_the_report(t, hunan, 2024) for t in ("下载", "政府工作报告", "2024年政府工作报告",
    ...  "湖南省政府工作报告", "2024年湖南省政府工作报告", "二〇二四年湖南政府工作报告")]
    [False, False, False, False, True, True]
    """
    title = title.strip()
    if "报告" not in title or not any(name in title for name in _region_names(region)):
        return False
    return year is None or any(form in title for form in _year_forms(year))


def import_drafts_purge(*, now: datetime | None = None) -> int:
    """Delete discarded drafts (rows and uploaded files) made over ``LUOSHI_DRAFT_RETENTION_DAYS``
    ago; returns how many. A discarded draft is a hostile or mistaken upload nobody will confirm:
    keeping it forever keeps its file and its extracted text forever. Confirmed drafts stay (they
    record which file made a report); open ones are someone's unfinished review."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LUOSHI_DRAFT_RETENTION_DAYS)
    stale = list(ImportDraft.objects.filter(state=ImportDraft.State.DISCARDED, created_at__lt=cutoff))
    for draft in stale:
        if draft.source_file:
            draft.source_file.delete(save=False)
        draft.delete()
    return len(stale)


def import_draft_create(*, user, region: Region, upload: UploadedFile, year: int | None = None, title: str = "") -> ImportDraft:
    """Read and extract an uploaded report into a draft; refuses a file already imported.

    The file is checked against the limits of ``luoshi.readers.limits`` (what it unpacks to) before
    any parser opens it, and read in a limited child (``luoshi.sandbox``); each import also purges
    discarded drafts past their retention."""
    from luoshi.readers import ReaderError
    from luoshi.sandbox import read_and_extract

    actor_for(user).require_supervisor(region.pk, action=gettext_noop("导入报告"))
    import_drafts_purge()
    suffix = Path(upload.name).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise DomainError(_("不支持的文件类型“%(type)s”。请上传 %(types)s 文件。") % {
            # Translators: the separator between items of a list
            "type": suffix or upload.name, "types": _("、").join(sorted(REPORT_SUFFIXES))})
    if upload.size > settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024:
        raise DomainError(_("文件超过 %(mb)s MB，请确认是否为正确的报告文件。") % {"mb": settings.LUOSHI_MAX_UPLOAD_MB})
    sha = sha256_of(upload)
    duplicate = existing_report(region, sha)
    if duplicate is not None:
        raise DomainError(_duplicate_message(duplicate))
    under_review = ImportDraft.objects.filter(region=region, sha256=sha, state=ImportDraft.State.OPEN).first()
    if under_review is not None:  # the same file uploaded twice (two batches, a second click): one draft
        raise DraftUnderReview(under_review)

    draft = ImportDraft(region=region, source_name=Path(upload.name).name[:255], sha256=sha, created_by=user)
    draft.source_file.save(f"draft{suffix}", ContentFile(upload.read()), save=False)
    try:  # in a child process with a time and a memory limit: a parser that runs away takes only the child
        doc, result = read_and_extract(draft.source_file.path, year=year, region=region.name)
    except ReaderError as e:
        draft.source_file.delete(save=False)
        # e.reason, not str(e): the message must not show the server-side path of the draft file
        raise DomainError(_("无法读取文件“%(name)s”：%(reason)s。请确认文件未损坏，或另存为 .txt/.docx 后重试。") % {
            "name": draft.source_name, "reason": e.reason}) from None
    if result is None:
        draft.source_file.delete(save=False)
        raise DomainError(_("文件中没有可读取的文字（可能是扫描件）。请上传含文字的文件。"))
    draft.year = year or (result.year if year_ok(result.year) else None)  # else the reviewer gives it
    draft.title = (title.strip() or next((t.strip() for t in (doc.title, Path(upload.name).stem)
                                          if t and title_names_the_report(t, region, draft.year)),
                                         default_title(region, draft.year)))[:300]
    draft.source_format = getattr(doc, "format", "") or suffix.lstrip(".")
    draft.text = doc.text
    draft.items = review.from_extraction(result.items, doc.text)
    draft.warnings = _web_warnings(year, result, doc.text)
    draft.save()
    return draft


def _web_warnings(year: int | None, result, text: str) -> list[str]:
    """What the reviewer should check, in the page's own terms: the library's warnings name command-line
    options (请用 --year 指定) a person on this page has no use for; the year is set in the form below."""
    from luoshi.docmeta import infer_year
    from luoshi.normalize import canonicalize

    out = []
    if year is None and not year_ok(result.year):
        out.append(_("未能从正文读出报告年份：请在下方填写年份后再确认导入。"))
    elif year is not None:
        read, source = infer_year(canonicalize(text).text)
        if read is not None and read != year and source in ("title", "回顾"):
            out.append(_("正文显示这是 %(read)s 年的报告，但上传时填写的年份是 %(year)s：请核对年份。")
                       % {"read": read, "year": year})
    return out


def _open_draft(user, draft: ImportDraft) -> None:
    actor_for(user).require_supervisor(draft.region_id, action=gettext_noop("审核导入"))
    if draft.state != ImportDraft.State.OPEN:
        raise DomainError(_("该导入已%(state)s，不能再修改。请重新上传文件。") % {"state": draft.get_state_display()})


@transaction.atomic
def import_draft_edit(*, user, draft: ImportDraft, op: Callable[[list[dict]], list[dict]]) -> ImportDraft:
    """Apply one review edit (a function from :mod:`review`) to the draft's items."""
    draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    _open_draft(user, draft)
    draft.items = op(list(draft.items))
    draft.save(update_fields=["items"])
    return draft


@transaction.atomic
def import_draft_discard(*, user, draft: ImportDraft) -> None:
    _open_draft(user, draft)
    draft.state = ImportDraft.State.DISCARDED
    draft.save(update_fields=["state"])


def _figures(items: list[dict]) -> list[tuple[Decimal | None, Decimal | None, int | None]]:
    """Each item's value, upper value and year, checked against the tracked fields' bounds before
    anything is created: a draft is JSON, and a value the review never saw (or an old draft) could
    hold anything. Refuses naming the first bad item, so the reviewer can correct it."""
    out = []
    for n, item in enumerate(items, 1):
        name = (item.get("indicator") or "")[:30]
        try:
            value, value_max = parse_decimal(item.get("value")), parse_decimal(item.get("value_max"))
        except ValueError as e:
            raise DomainError(_("第 %(n)s 项“%(name)s”的数值%(reason)s，请修改后再确认。") % {
                "n": n, "name": name, "reason": e}) from None
        try:
            year = parse_year(item.get("year"))
        except ValueError:
            raise DomainError(_("第 %(n)s 项“%(name)s”的年份“%(year)s”不在 1949 到 2100 之间，请修改后再确认。") % {
                "n": n, "name": name, "year": item.get("year")}) from None
        out.append((value, value_max, year))
    return out


@transaction.atomic
def import_draft_confirm(*, user, draft: ImportDraft, year: int | None = None, title: str = "", published: bool = False,
                         on_duplicate: str = "") -> Report:
    """Create the report and all its commitments at once; nothing exists before this call.

    When the region already has a report of that year, ``on_duplicate`` must say what to do:
    ``replace`` removes those reports (soft delete, with their assignments and progress; an
    administrator can restore them), ``keep`` adds this one beside them. Anything else is refused.
    """
    draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    _open_draft(user, draft)
    year = year or draft.year
    if not year:
        raise DomainError(_("未能从原文推断年份，请填写报告年份后再确认。"), field="year")
    if not year_ok(year):
        raise DomainError(_("报告年份 %(year)s 不在 1949 到 2100 之间，请填写报告年份后再确认。") % {"year": year},
                          field="year")
    if not draft.items:
        raise DomainError(_("没有任何条目。请至少保留或添加一项后再确认，或放弃本次导入。"))
    figures = _figures(draft.items)
    duplicate = existing_report(draft.region, draft.sha256)
    if duplicate is not None:
        raise DomainError(_duplicate_message(duplicate))
    same_year = same_year_reports(draft.region, year)
    if same_year and on_duplicate not in ON_DUPLICATE:
        raise DomainError(_("%(region)s %(year)s 年已有 %(n)s 份报告（%(titles)s）。请选择“替换原报告”或“保留两份”后再确认。") % {
            "region": draft.region.name, "year": year, "n": len(same_year),
            "titles": _("、").join(f"《{r.title}》" for r in same_year)}, field="on_duplicate")
    if same_year and on_duplicate == "replace":
        for old in same_year:
            report_delete(user=user, report=old, reason=f"导入新报告替换（{draft.source_name}）")
    title = title.strip()
    if not title:
        title = draft.title
        if not draft.year and title == default_title(draft.region, None):
            title = default_title(draft.region, year)  # the title was made before the year was known
    report = Report(
        region=draft.region, year=year, title=title[:300], source_name=draft.source_name,
        source_format=draft.source_format, text=draft.text, sha256=draft.sha256, imported_by=user, published=published,
    )
    report._history_user = user
    with draft.source_file.open("rb") as fh:
        report.source_file.save(draft.source_name or "report.txt", ContentFile(fh.read()), save=False)
    try:
        report.save()
    except IntegrityError:
        raise DomainError(_("该文件刚刚已被导入，请在报告列表中查看。")) from None
    rows = []
    for position, (item, (value, value_max, item_year)) in enumerate(zip(draft.items, figures, strict=True), 1):
        c = Commitment(
            report=report, position=position, kind=item.get("kind") or "task", indicator=(item.get("indicator") or "")[:300],
            value=value, value_max=value_max, unit=item.get("unit") or "",
            comparator=item.get("comparator") or "", qualifier=item.get("qualifier") or "",
            raw_value=item.get("raw_value") or "", year=item_year or year, text=item.get("text") or "",
            start=item.get("start"), end=item.get("end"), section=list(item.get("section") or []),
            rule=item.get("rule") or "", category=item.get("category") or "", binding=item.get("binding") or "",
            measure=item.get("measure") or Commitment.Measure.CUMULATIVE,
        )
        c._change_reason = "导入报告"
        rows.append(c)
    bulk_create_with_history(rows, Commitment, default_user=user, default_change_reason="导入报告")
    draft.state = ImportDraft.State.CONFIRMED
    draft.report = report
    draft.save(update_fields=["state", "report"])
    return report


@transaction.atomic
def report_set_published(*, user, report: Report, published: bool) -> Report:
    actor_for(user).require_supervisor(report.region_id, action=gettext_noop("公开或撤回报告"))
    report.published = published
    report._history_user = user
    report._change_reason = "公开报告" if published else "撤回公开"
    report.save()
    return report


@transaction.atomic
def report_delete(*, user, report: Report, reason: str) -> None:
    """Hide a report and its commitments (soft delete), e.g. to re-import a corrected file."""
    actor_for(user).require_supervisor(report.region_id, action=gettext_noop("删除报告"))
    if not reason.strip():
        raise DomainError(_("请说明删除的原因。"), field="reason")
    report.mark_deleted(user=user)
    report._history_user = user
    report._change_reason = reason
    report.save()
