"""The test template ("mallen"): per area, the ordered test cases testers check after an update.

The routine says testers check the system "enligt upprättad mall". This module is that template as
plain data, and the parser that validates it. It receives data that is already parsed (from YAML or
from the rows of a CSV file); reading files is ``bot.services.templates``' job.

Every problem found is collected, not just the first, and each is a Swedish sentence that says where
(area and test-case number/id, or CSV line), what is wrong, and how to write it right, so that a
system administrator can fix the whole file in one go.

Import from here; the work is split into ``template_model`` (the limits, ``TemplateError``,
``TestCase``, ``Template``), ``template_parse`` (YAML/JSON data), ``template_csv`` (CSV rows) and
``template_checks`` (the checks of single values and the wording they share).
"""

from __future__ import annotations

from bot.domain.template_csv import CSV_COLUMNS, parse_template_csv_rows
from bot.domain.template_model import (
    DEFAULT_NAME,
    HINT_MAX,
    ID_MAX,
    NAME_MAX,
    SUPPORTED_VERSION,
    TITLE_MAX,
    Template,
    TemplateError,
    TestCase,
)
from bot.domain.template_parse import parse_template

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_NAME",
    "HINT_MAX",
    "ID_MAX",
    "NAME_MAX",
    "SUPPORTED_VERSION",
    "TITLE_MAX",
    "Template",
    "TemplateError",
    "TestCase",
    "parse_template",
    "parse_template_csv_rows",
]
