"""The fast choice widgets write the same HTML as Django's template-rendered ones."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from luoshi_web.widgets import FastCheckboxSelectMultiple, FastSelect, FastSelectMultiple

CHOICES = [("", "—"), (1, "发改委 <a>"), (2, "财政厅 & 统计局"), (3, '人社厅 "就业"')]
GROUPED = [("省直", [(1, "发改委"), (2, "财政厅")]), ("市州", [(3, "长沙市")])]


@pytest.mark.parametrize(("fast", "stock"), [
    (FastSelect, forms.Select), (FastSelectMultiple, forms.SelectMultiple),
    (FastCheckboxSelectMultiple, forms.CheckboxSelectMultiple),
])
@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, 2, [1, 3], ["2"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_units", "class": "checks", "required": True, "disabled": False}])
def test_same_html_as_django(fast, stock, choices, value, attrs):
    if stock is forms.Select and isinstance(value, list):
        value = value[0]
    ours = fast(choices=choices).render("units", value, attrs=attrs)
    theirs = stock(choices=choices).render("units", value, attrs=attrs)
    assert parse_html(ours) == parse_html(theirs)
    assert "<a>" not in ours  # labels escaped


def test_unit_fields_use_them():
    from luoshi_web.tracking.bulk import BulkForm
    from luoshi_web.tracking.forms import AssignmentForm, CommentForm

    assert isinstance(AssignmentForm.base_fields["lead_unit"].widget, FastSelect)
    assert isinstance(AssignmentForm.base_fields["supporting_units"].widget, FastCheckboxSelectMultiple)
    assert isinstance(CommentForm.base_fields["mentions"].widget, FastCheckboxSelectMultiple)
    assert isinstance(BulkForm.base_fields["lead_unit"].widget, FastSelect)
