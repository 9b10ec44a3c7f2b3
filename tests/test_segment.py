"""Section paths from the heading structure reports and press articles use."""

from luoshi import extract_text

ARTICLE = """2023答卷 >>>>

●地区生产总值增长**4.6%**。

奋进2024 >>>>

城市

改造提升老旧小区3150个

推进老化管网改造，改造提升老旧小区3150个。
"""

REPORT = """一、2023年工作回顾
过去一年，地区生产总值增长4.6%。
二、2024年主要任务
（一）推进新型城镇化
改造提升老旧小区3150个。
"""


def test_press_article_sections_nest_a_title_under_its_topic_label():
    items = extract_text(ARTICLE, year=2024).items
    assert items[0].section == ("2023答卷",)
    assert items[-1].section == ("奋进2024", "城市", "改造提升老旧小区3150个")


def test_numbered_report_headings_give_the_path_and_the_part():
    first, last = [i for i in extract_text(REPORT, year=2024).items if i.kind != "task"]
    assert first.section == ("一、2023年工作回顾",) and first.kind == "result" and first.year == 2023
    assert last.section == ("二、2024年主要任务", "（一）推进新型城镇化") and last.kind == "target"
