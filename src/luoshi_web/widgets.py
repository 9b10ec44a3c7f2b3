"""Choice widgets that write their options in Python, with Django's own markup.

Why: Django renders every option of a select or a checkbox list through three template includes.
A commitment page carries the region's units three times (lead unit, supporting units, @mentions):
with a hundred units that was some 30 ms of a 60 ms page, the largest cost left once ratings are
cached. These widgets produce the same HTML (``django/forms/widgets/select.html``,
``checkbox_select.html``, ``input_option.html``), escaped with ``format_html`` as the templates
would, so pages, tests and CSS see no difference.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> SafeString:
    """Attributes as Django's attrs.html writes them (True as a bare name, False left out)."""
    return flatatt(attrs)


def _value(value) -> str:
    return "" if value is None else str(value)


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        w = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', w["name"], _attrs(w["attrs"]))]
        for group, options, _index in w["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(format_html('<option value="{}"{}>{}</option>', _value(o["value"]), _attrs(o["attrs"]),
                                     o["label"]) for o in options)
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    pass


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        w = self.get_context(name, value, attrs)["widget"]
        box_id, box_class = w["attrs"].get("id"), w["attrs"].get("class")
        parts = ["<div", format_html(' id="{}"', box_id) if box_id else "",
                 format_html(' class="{}"', box_class) if box_class else "", ">"]
        for group, options, _index in w["optgroups"]:
            if group:
                parts.append(format_html("\n  <div><label>{}</label>", group))
            for o in options:
                label_for = format_html(' for="{}"', o["attrs"]["id"]) if o["attrs"].get("id") else ""
                value_attr = format_html(' value="{}"', _value(o["value"])) if o["value"] is not None else ""
                parts.append(format_html('<div>\n    <label{}><input type="{}" name="{}"{}{}> {}</label></div>',
                                         label_for, o["type"], o["name"], value_attr, _attrs(o["attrs"]), o["label"]))
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return mark_safe("".join(parts))
