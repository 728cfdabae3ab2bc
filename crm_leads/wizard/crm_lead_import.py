import base64
import codecs
import csv
import re
import unicodedata
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.models import MAGIC_COLUMNS
from odoo.tools.sql import escape_psql

PREVIEW_SIZE = 10
SEARCH_CHUNK = 200
IMPORTABLE_TYPES = (
    "char", "text", "html", "selection", "integer", "float", "monetary",
    "boolean", "date", "datetime", "many2one", "many2many",
)  # fmt: skip
IMPORT_TARGETS = [("crm.lead", "Leads"), ("res.partner", "Contacts")]


def normalize(text):
    """Case, accents and spacing left out: "E-mail ", "e_mail" and "É-mail" compare equal."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("_", " ").split())


class _RowError(Exception):
    """A line of the file that cannot be imported, with the reason shown to the user."""


class _Row(list):
    """The cells of one record of the file, with the number of the line it starts on, and
    `malformed` when its quotes do not close (it is then reported, not imported)."""

    def __init__(self, cells, line_number, malformed=False):
        super().__init__(cells)
        self.line_number = line_number
        self.malformed = malformed


def _parse_records(text, separator):
    """The records of a CSV text as `_Row`s. A quoted value may span lines, but a quote left
    open does not swallow the rest of the file: when the quotes of a record never close, or
    the lines they join do not make a record of the header's width, its first line alone is
    reported as malformed and reading goes on with the next line."""
    lines = re.split(r"\r\n|\n|\r", text)
    if lines and lines[-1] == "":
        lines.pop()
    records = []
    width = None
    number = 0
    while number < len(lines):
        end, chunk = number, lines[number]
        while True:
            try:
                cells = next(csv.reader([chunk], delimiter=separator, strict=True), [])
                break
            except csv.Error:
                if end + 1 == len(lines):
                    cells = None
                    break
                # A quoted value going on to the next line, or a malformed line: try with the next.
                end += 1
                chunk += "\n" + lines[end]
        if width is None:
            width = len(cells or [])
        if cells is None or (end > number and len(cells) != width):
            records.append(_Row(next(csv.reader([lines[number]], delimiter=separator), []), number + 1, True))
            number += 1
            continue
        records.append(_Row(cells, number + 1))
        number = end + 1
    return records


class CrmLeadImport(models.TransientModel):
    """Oryanoo's CSV import with duplicate keys: the columns of a file are mapped to fields
    (automatically when a header is a field's name or label), key columns find the records that
    already exist, which are updated or kept as they are. Each line is imported on its own, with
    Odoo's `load()` converting the values: a failing line is reported with its reason and leaves
    nothing behind, the other lines are imported."""

    _name = "crm.lead.import"
    _description = "Import Leads or Contacts from CSV"

    target_model = fields.Selection(IMPORT_TARGETS, string="Import", required=True, default="crm.lead")
    csv_file = fields.Binary(string="CSV File", required=True)
    csv_filename = fields.Char(string="File Name")
    separator = fields.Selection(
        [("auto", "Detect"), (",", "Comma"), (";", "Semicolon"), ("\t", "Tab")],
        required=True,
        default="auto",
    )
    existing_policy = fields.Selection(
        [("skip", "Keep them as they are"), ("update", "Update them from the file")],
        string="Existing Records",
        required=True,
        default="skip",
        help="What to do with a line whose key columns match a record that already exists.",
    )
    state = fields.Selection([("map", "Map"), ("done", "Done")])
    column_ids = fields.One2many("crm.lead.import.column", "wizard_id", string="Columns")
    field_ids = fields.One2many("crm.lead.import.field", "wizard_id", string="Importable Fields")
    line_ids = fields.One2many("crm.lead.import.line", "wizard_id", string="Lines")
    is_preview = fields.Boolean(readonly=True)
    created_count = fields.Integer(readonly=True)
    updated_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(readonly=True)
    error_count = fields.Integer(readonly=True)

    # ------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------

    def _read_rows(self):
        """The header and the data rows of the file, as lists of strings."""
        self.ensure_one()
        if not self.csv_file:
            raise UserError(_("Choose a CSV file to import first."))
        raw = base64.b64decode(self.csv_file)
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = raw.decode("utf-16")  # a spreadsheet's "Unicode text" export
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("cp1252")  # what a French spreadsheet saves when not told otherwise
                except UnicodeDecodeError as error:
                    raise UserError(
                        _(
                            "The file is neither UTF-8 nor Windows-1252 text: save it as “CSV UTF-8” and import it again."
                        )
                    ) from error
        separator = self.separator
        if separator == "auto":
            first_line = text.splitlines()[0] if text else ""
            try:
                separator = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
            except csv.Error:
                separator = ","
        rows = _parse_records(text, separator)
        if not rows or not any(cell.strip() for cell in rows[0]):
            raise UserError(_("The file is empty: its first line must name the columns."))
        return [cell.strip() for cell in rows[0]], rows[1:]

    def _importable_fields(self):
        """{field name: field} of the target model that a column may fill and the user may see."""
        Model = self.env[self.target_model]
        candidates = [
            name
            for name, field in Model._fields.items()
            if field.type in IMPORTABLE_TYPES and field.store and not field.readonly and name not in MAGIC_COLUMNS
        ]
        visible = Model.fields_get(candidates, ["type"])
        return {name: Model._fields[name] for name in candidates if name in visible}

    def _guess_field(self, header, importable):
        """The field a column header names, by technical name or by label (English or the
        user's language), case and accents aside."""
        wanted = normalize(header)
        Model = self.env[self.target_model]
        labels = {}
        for model in (Model.with_context(lang="en_US"), Model):
            for name, description in model.fields_get(list(importable), ["string"]).items():
                labels.setdefault(normalize(description["string"]), name)
        for name in importable:
            if normalize(name) == wanted:
                return name
        return labels.get(wanted)

    def action_read_file(self):
        self.ensure_one()
        headers, _rows = self._read_rows()
        importable = self._importable_fields()
        descriptions = self.env[self.target_model].fields_get(list(importable), ["string"])
        self.field_ids = [Command.clear()] + [
            Command.create({"name": name, "label": descriptions[name]["string"], "ttype": field.type})
            for name, field in importable.items()
        ]
        choices = {choice.name: choice.id for choice in self.field_ids}
        self.column_ids = [Command.clear()] + [
            Command.create(
                {
                    "sequence": index,
                    "header": header,
                    "import_field_id": choices.get(self._guess_field(header, importable), False),
                }
            )
            for index, header in enumerate(headers)
        ]
        self.write({"state": "map", "line_ids": [Command.clear()], "is_preview": False})
        return self._reopen()

    # ------------------------------------------------------------
    # Importing
    # ------------------------------------------------------------

    def _mapped_columns(self):
        columns = self.column_ids.filtered("import_field_id").sorted("sequence")
        if not columns:
            raise UserError(_("Map at least one column of the file to a field before importing."))
        counts = Counter(columns.import_field_id.mapped("name"))
        duplicated = sorted(name for name, count in counts.items() if count > 1)
        if duplicated:
            raise UserError(
                _("Several columns fill the field %s: map each field from one column only.", ", ".join(duplicated))
            )
        return columns

    def _target(self):
        """The model records are imported into, leads created as leads."""
        Model = self.env[self.target_model].with_context(import_file=True)
        if self.target_model == "crm.lead":
            Model = Model.with_context(default_type="lead")
        return Model

    def _row_key(self, row, key_columns):
        """The normalized key of a row, or None when a key cell is empty (nothing to match)."""
        key = tuple(normalize(row[column.sequence]) for column in key_columns)
        return key if all(key) else None

    def _existing_records(self, rows, key_columns):
        """{row key: record} of the records that already exist, found in chunked searches on
        the first key field rather than one search a line."""
        if not key_columns:
            return {}
        Model = self._target()
        first, key_names = key_columns[0], key_columns.import_field_id.mapped("name")
        values = sorted(
            {row[first.sequence].strip() for row in rows if len(row) > first.sequence and row[first.sequence].strip()}
        )
        index = {}
        for start in range(0, len(values), SEARCH_CHUNK):
            chunk = values[start : start + SEARCH_CHUNK]
            domain = Domain.OR([[(first.import_field_id.name, "=ilike", escape_psql(value))] for value in chunk])
            for record in Model.search_fetch(domain, key_names):
                key = tuple(normalize(record[name]) for name in key_names)
                index.setdefault(key, record)
        return index

    def _import_row(self, row, columns, existing):
        """Create or update one record from one row, inside the caller's savepoint; return it."""
        names = columns.import_field_id.mapped("name")
        data = [row[column.sequence].strip() for column in columns]
        if existing:
            names, data = [*names, ".id"], [*data, str(existing.id)]
        result = self._target().load(names, [data])
        errors = [message["message"] for message in result["messages"] if message["type"] == "error"]
        if errors or not result["ids"]:
            raise _RowError(
                "; ".join(errors) or _("The line could not be imported: check its values against the column mapping.")
            )
        return self.env[self.target_model].browse(result["ids"][0])

    def _process_rows(self, rows, headers, dry_run):
        """Import `rows` (each in its own savepoint) and return the outcome of each as line
        values. A dry run rolls everything back once the outcomes are known."""
        columns = self._mapped_columns()
        key_columns = columns.filtered("is_key")
        index = self._existing_records(rows, key_columns)
        outcomes = []
        with self.env.cr.savepoint() as whole_run:
            for row in rows:
                outcome = {"line_number": row.line_number, "outcome": "create", "message": False}
                if row.malformed:
                    outcome.update(
                        outcome="error",
                        message=_("A quote opened on this line is never closed: check its quotes."),
                    )
                    outcomes.append(outcome)
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(headers):
                    outcome.update(
                        outcome="error",
                        message=_(
                            "This line has %(found)s columns where the header has %(expected)s: check its "
                            "separators and quotes.",
                            found=len(row),
                            expected=len(headers),
                        ),
                    )
                    outcomes.append(outcome)
                    continue
                key = self._row_key(row, key_columns) if key_columns else None
                existing = index.get(key) if key else None
                if existing and self.existing_policy == "skip":
                    outcome.update(outcome="skip", record_name=existing.display_name, res_id=existing.id)
                    outcomes.append(outcome)
                    continue
                try:
                    with self.env.cr.savepoint():
                        record = self._import_row(row, columns, existing)
                except _RowError as error:
                    outcome.update(outcome="error", message=str(error))
                except (UserError, ValidationError) as error:
                    outcome.update(outcome="error", message=error.args[0])
                else:
                    outcome.update(
                        outcome="update" if existing else "create",
                        record_name=record.display_name,
                        res_id=record.id,
                    )
                    if key:
                        index[key] = record
                outcomes.append(outcome)
            if dry_run:
                whole_run.close(rollback=True)
        if dry_run:
            for outcome in outcomes:
                if outcome["outcome"] == "create":
                    outcome["res_id"] = False
        return outcomes

    def _write_outcomes(self, outcomes, preview):
        counts = {kind: 0 for kind in ("create", "update", "skip", "error")}
        for outcome in outcomes:
            counts[outcome["outcome"]] += 1
        shown = outcomes if preview else [o for o in outcomes if o["outcome"] == "error"]
        self.write(
            {
                "line_ids": [Command.clear()] + [Command.create(values) for values in shown],
                "is_preview": preview,
                "created_count": counts["create"],
                "updated_count": counts["update"],
                "skipped_count": counts["skip"],
                "error_count": counts["error"],
            }
        )

    def action_preview(self):
        self.ensure_one()
        headers, rows = self._read_rows()
        self._write_outcomes(self._process_rows(rows[:PREVIEW_SIZE], headers, dry_run=True), preview=True)
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        headers, rows = self._read_rows()
        self._write_outcomes(self._process_rows(rows, headers, dry_run=False), preview=False)
        self.state = "done"
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Import from CSV"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class CrmLeadImportColumn(models.TransientModel):
    _name = "crm.lead.import.column"
    _description = "Column of a CSV Import"
    _order = "sequence, id"

    wizard_id = fields.Many2one("crm.lead.import", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(string="Position", readonly=True, help="Index of the column in the file, from 0.")
    header = fields.Char(string="Column", readonly=True)
    import_field_id = fields.Many2one(
        "crm.lead.import.field",
        string="Field",
        domain="[('wizard_id', '=', wizard_id)]",
        help="The field this column fills; leave empty to ignore the column.",
    )
    is_key = fields.Boolean(
        string="Key", help="Lines whose key columns all match an existing record update or keep that record."
    )

    @api.constrains("is_key", "import_field_id")
    def _check_key_is_text(self):
        for column in self.filtered("is_key"):
            if column.import_field_id.ttype != "char":
                raise ValidationError(
                    _(
                        'The column "%s" cannot be a key: only columns mapped to a text field (name, '
                        "e-mail, phone, reference...) can find existing records.",
                        column.header,
                    )
                )


class CrmLeadImportField(models.TransientModel):
    """A field a column may fill, listed per import so that salespeople, who may not read
    Odoo's field definitions, can choose one."""

    _name = "crm.lead.import.field"
    _description = "Importable Field of a CSV Import"
    _order = "label, id"
    _rec_name = "label"

    wizard_id = fields.Many2one("crm.lead.import", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Technical Name", required=True)
    label = fields.Char(required=True)
    ttype = fields.Char(string="Type")

    @api.depends("label", "name")
    def _compute_display_name(self):
        for choice in self:
            choice.display_name = f"{choice.label} ({choice.name})"


class CrmLeadImportLine(models.TransientModel):
    _name = "crm.lead.import.line"
    _description = "Outcome of a Line of a CSV Import"
    _order = "line_number, id"

    wizard_id = fields.Many2one("crm.lead.import", required=True, ondelete="cascade", index=True)
    line_number = fields.Integer(string="Line")
    outcome = fields.Selection(
        [("create", "Create"), ("update", "Update"), ("skip", "Keep"), ("error", "Error")], required=True
    )
    record_name = fields.Char(string="Record")
    res_id = fields.Integer(string="Record ID")
    message = fields.Text()
