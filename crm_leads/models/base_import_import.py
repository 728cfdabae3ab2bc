import csv
import re

from odoo import models

from odoo.addons.base_import.models.base_import import ImportValidationError

# A text cell a spreadsheet would run as a formula once exported: "=" or "@" first, or "+" or "-"
# followed by anything but a number or a phone number ("-12,5" and "+33 1 23 45 67 89" stay).
FORMULA_START = re.compile(r"\s*(?:[=@]|[+-](?![\d\s().,/-]*$))")
# Above this size (in MB) a file of leads or contacts is refused: every batch of an import parses
# the whole file again, so the size bounds what one request of the import screen costs a worker.
DEFAULT_MAX_FILE_SIZE_MB = 10


class BaseImportImport(models.TransientModel):
    """Odoo's import screen, for the models that offer match keys (leads, contacts): the key that
    finds the records a file already holds and what to do with them (update them, or leave them as
    they are), formula-like text neutralised, and files a worker can always parse quickly."""

    _inherit = "base_import.import"

    def _crm_import_model(self):
        """The model imported into when it offers match keys, else None (Odoo's import unchanged)."""
        if self.res_model not in self.env:
            return None
        Model = self.env[self.res_model]
        return Model if isinstance(Model, self.pool["crm.import.match.mixin"]) else None

    def _crm_import_max_file_size(self):
        """In bytes, from the system parameter `crm_leads.import_max_file_size_mb`."""
        # sudo: salespeople importing may not read system parameters; this one is only a limit.
        value = self.env["ir.config_parameter"].sudo().get_param("crm_leads.import_max_file_size_mb")
        try:
            return float(value or DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024
        except ValueError:
            return DEFAULT_MAX_FILE_SIZE_MB * 1024 * 1024

    # ------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------

    def parse_preview(self, options, count=10):
        result = super().parse_preview(options, count=count)
        Model = self._crm_import_model()
        if Model is not None and "error" not in result:
            result["crm_import_match_keys"] = [[code, key[0]] for code, key in Model._crm_import_match_keys().items()]
        return result

    def _read_file(self, options):
        if self._crm_import_model() is not None:
            size, limit = len(self.file or b""), self._crm_import_max_file_size()
            if size > limit:
                raise ImportValidationError(
                    self.env._(
                        "This file weighs %(size).1f MB, more than the %(limit).1f MB an import of leads or "
                        "contacts accepts: split it into smaller files.",
                        size=size / 1024 / 1024,
                        limit=limit / 1024 / 1024,
                    )
                )
        return super()._read_file(options)

    def _read_csv(self, options):
        if self._crm_import_model() is None:
            return super()._read_csv(options)
        try:
            result = super()._read_csv(options)
        except csv.Error as error:
            raise ImportValidationError(
                self.env._(
                    "The file cannot be read as CSV (%s): a quote opened in a cell is probably never closed. "
                    "Check the quotes of the file, or the text delimiter among the formatting options.",
                    error,
                )
            ) from error
        # A NUL character never belongs to text: a UTF-16 file without byte order mark, read as
        # one byte a character, has one after each letter (and the database refuses it).
        if result and any("\x00" in cell for row in result[1] for cell in row):
            raise ImportValidationError(
                self.env._(
                    "The file holds NUL characters: it is probably UTF-16 text without a byte order mark. "
                    'Choose the encoding "utf-16" among the formatting options, or save the file as "CSV UTF-8".'
                )
            )
        return result

    # ------------------------------------------------------------
    # Importing
    # ------------------------------------------------------------

    def execute_import(self, fields, columns, options, dryrun=False):
        importer = self
        if options.get("crm_import_match_key") and options.get("crm_import_existing") == "skip":
            importer = self.with_context(crm_import_keep_existing=True)
        return super(BaseImportImport, importer).execute_import(fields, columns, options, dryrun=dryrun)

    def _parse_import_data(self, data, import_fields, options):
        data = super()._parse_import_data(data, import_fields, options)
        Model = self._crm_import_model()
        if Model is not None:
            self._crm_import_neutralise_formulas(Model, data, import_fields)
            if options.get("crm_import_match_key"):
                self._crm_import_check_keys(Model, data, import_fields, options)
        return data

    def _crm_import_neutralise_formulas(self, Model, data, import_fields):
        """Text cells starting like a formula get a leading apostrophe, which spreadsheets show as
        text: exported again, they are not run (numbers and phone numbers are left alone)."""
        text_columns = [
            index
            for index, fname in enumerate(import_fields)
            if fname in Model._fields and Model._fields[fname].type in ("char", "text")
        ]
        for row in data:
            for index in text_columns:
                value = row[index]
                if isinstance(value, str) and FORMULA_START.match(value):
                    row[index] = "'" + value

    def _crm_import_check_keys(self, Model, data, import_fields, options):
        """The key is one the model offers, each of its fields filled by one column, the file
        gives no record id of its own, and no two lines of the file give the same key (the second
        would create the record the first creates, or update it twice)."""
        keys = Model._crm_import_match_keys()
        code = options["crm_import_match_key"]
        if code not in keys:
            raise ImportValidationError(self.env._("Unknown key to find existing records: %s.", code))
        label, fnames, _key_field, make_key = keys[code]
        if {"id", ".id"} & set(import_fields):
            raise ImportValidationError(
                self.env._(
                    "The file names its records by their ID already: import it without a key to find existing "
                    "records, or leave the ID column out."
                )
            )
        labels = Model.fields_get(fnames, ["string"])
        for fname in fnames:
            if import_fields.count(fname) != 1:
                raise ImportValidationError(
                    self.env._(
                        'Finding existing records by "%(key)s" needs one column, and one only, mapped to the '
                        'field "%(field)s".',
                        key=label,
                        field=labels[fname]["string"],
                    )
                )
        positions = [import_fields.index(fname) for fname in fnames]
        first_line = options.get("skip", 0) + (2 if options.get("has_headers") else 1)
        seen = {}
        for index, row in enumerate(data):
            key = make_key(*(row[position] for position in positions))
            if not key:
                continue
            if key in seen:
                raise ImportValidationError(
                    self.env._(
                        'Lines %(first)s and %(second)s of the file have the same key "%(key)s" (%(label)s): '
                        "keep one line per record.",
                        first=first_line + seen[key],
                        second=first_line + index,
                        key=key,
                        label=label,
                    )
                )
            seen[key] = index

    def _handle_multi_mapping(self, import_fields, input_file_data):
        """Give the rows of the batch whose key finds an existing record that record's id (the
        `.id` column of Odoo's import): `load()` updates it, or, when existing records are to be
        left as they are, gets the id alone and leaves it untouched (`_load_records` of the model)."""
        import_fields, data = super()._handle_multi_mapping(import_fields, input_file_data)
        options = self.env.context.get("import_options") or {}
        Model = self._crm_import_model()
        code = options.get("crm_import_match_key")
        if Model is None or not code:
            return import_fields, data
        _label, fnames, _key_field, make_key = Model._crm_import_match_keys()[code]
        positions = [import_fields.index(fname) for fname in fnames]
        # Only the rows this batch imports: the following ones are looked up with their batch.
        batch = options.get("limit") or len(data)
        keys = [make_key(*(row[position] for position in positions)) for row in data[:batch]]
        existing = Model._crm_import_find_existing(code, {key for key in keys if key})
        keep = options.get("crm_import_existing") == "skip"
        rows = []
        for index, row in enumerate(data):
            record = existing.get(keys[index]) if index < batch and keys[index] else None
            if record and keep:
                rows.append([""] * len(row) + [str(record.id)])
            else:
                rows.append([*row, str(record.id) if record else ""])
        return [*import_fields, ".id"], rows
