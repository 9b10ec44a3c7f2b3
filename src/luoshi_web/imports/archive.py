"""Reading a zip of reports: its directory is checked before any member is unpacked.

Refused, with what was wrong and what to do: a file that is not a zip, more members than
``LUOSHI_IMPORT_MAX_FILES``, a total unpacked size over ``LUOSHI_MAX_UNPACKED_MB`` (the readers'
limit, ``luoshi.readers.limits``), one member over ``LUOSHI_MAX_UPLOAD_MB`` or compressed past
``LUOSHI_MAX_ZIP_RATIO``, an encrypted member, and any name that could climb out of a folder
(``../``, an absolute path, a drive letter). Members are only ever read into memory, never written
under their own names, but a zip that carries such names is not a folder of reports.
Files that are not reports (``__MACOSX/``, ``Thumbs.db``, spreadsheets) are skipped and counted.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.readers.limits import Limits
from luoshi_web.errors import DomainError
from luoshi_web.reports.services import REPORT_SUFFIXES

_RATIO_FLOOR = 1 << 20  # as luoshi.readers.limits: small members may compress as well as they like


@dataclass
class Archive:
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, content)
    skipped: list[str] = field(default_factory=list)


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: zips made on Chinese Windows name members in GBK
    without saying so (no UTF-8 flag), which Python reads as CP437 mojibake."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe(name: str) -> bool:
    path = name.replace("\\", "/")
    return (path.startswith("/") or (len(path) > 1 and path[1] == ":")
            or any(part == ".." for part in PurePosixPath(path).parts))


def is_report_name(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/")).name
    return bool(base) and not base.startswith(".") and PurePosixPath(base).suffix.lower() in REPORT_SUFFIXES


def read_zip(data: bytes, *, zip_name: str = "") -> Archive:
    """The report files of a zip, in name order; raises DomainError before unpacking anything
    when its directory breaks a limit."""
    limits = Limits.from_env()
    max_files = settings.LUOSHI_IMPORT_MAX_FILES
    max_member = settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DomainError(_("“%(name)s”不是有效的 zip 压缩包。请重新压缩后上传，或逐个上传报告文件。")
                          % {"name": zip_name}) from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > max_files:
            raise DomainError(_("压缩包内有 %(n)s 个文件，超过上限 %(max)s 个（LUOSHI_IMPORT_MAX_FILES）。请分成几个压缩包上传。")
                              % {"n": len(infos), "max": max_files})
        for info in infos:
            if _unsafe(_name(info)):
                raise DomainError(_("压缩包内的文件名“%(name)s”指向压缩包以外的位置，已拒绝整个压缩包。请只压缩报告所在的文件夹后重新上传。")
                                  % {"name": _name(info)})
        total = sum(i.file_size for i in infos)
        if total > limits.unpacked_bytes:
            raise DomainError(_("压缩包解压后共 %(size)s MB，超过上限 %(max)s MB（LUOSHI_MAX_UNPACKED_MB）。请分成几个压缩包上传。")
                              % {"size": f"{total / 1048576:.1f}", "max": limits.unpacked_bytes // 1048576})
        archive = Archive()
        reports = []
        for info in infos:
            name = _name(info)
            if not is_report_name(name) or name.startswith("__MACOSX/"):
                archive.skipped.append(name)
                continue
            if info.flag_bits & 0x1:
                raise DomainError(_("压缩包内的“%(name)s”已加密，无法读取。请去掉密码后重新压缩上传。") % {"name": name})
            if info.file_size > max_member:
                raise DomainError(_("压缩包内的“%(name)s”解压后超过 %(mb)s MB，请确认是否为正确的报告文件。")
                                  % {"name": name, "mb": settings.LUOSHI_MAX_UPLOAD_MB})
            if info.file_size > _RATIO_FLOOR and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
                raise DomainError(_("压缩包内的“%(name)s”压缩比异常（疑似压缩炸弹），已拒绝整个压缩包。")
                                  % {"name": name})
            reports.append((name, info))
        for name, info in sorted(reports, key=lambda r: r[0]):
            try:
                with zf.open(info) as fh:
                    content = fh.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
                raise DomainError(_("无法解压压缩包内的“%(name)s”（%(error)s）。请重新压缩后上传。")
                                  % {"name": name, "error": e}) from None
            if len(content) > info.file_size:
                raise DomainError(_("压缩包内的“%(name)s”实际大小与目录不符，已拒绝整个压缩包。") % {"name": name})
            archive.files.append((name, content))
    return archive
