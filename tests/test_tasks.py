"""Unquantified commitments (kind=task) come only from the plan part, and never duplicate a figure."""

from luoshi import extract_text

PLAN = """奋进2024 >>>>

就业

确保零就业家庭动态清零

开展高校毕业生就业攻坚行动，确保零就业家庭动态清零。力争旅游业总收入突破万亿元。

十大产业项目
"""


def test_plan_titles_and_aspiration_sentences_become_tasks():
    items = extract_text(PLAN, year=2024).items
    tasks = [i for i in items if i.kind == "task"]
    assert [t.indicator for t in tasks] == ["零就业家庭动态清零", "零就业家庭动态清零"]
    assert all(PLAN[t.start:t.end] == t.text and t.value is None for t in tasks)


def test_a_sentence_with_a_figure_is_not_also_a_task():
    items = extract_text(PLAN, year=2024).items
    assert [i.kind for i in items if "旅游" in i.text] == ["target"]


def test_review_part_gives_no_tasks():
    text = "2023答卷 >>>>\n\n确保零就业家庭动态清零\n\n全年确保粮食安全。"
    assert not [i for i in extract_text(text, year=2024).items if i.kind == "task"]
