import psycopg2

from odoo import api, models
from odoo.tools import split_every

# Keys searched at once: an IN list of this size stays one index scan and one short query.
SEARCH_CHUNK = 1000


class CrmImportMatchMixin(models.AbstractModel):
    """What Odoo's import screen needs to find the records a file already holds (Oryanoo's
    duplicate keys): the keys a model offers, each made of the columns that fill some fields and
    compared, once normalised, with a stored normalised field (so that one indexed search finds
    the existing records of a thousand rows)."""

    _name = "crm.import.match.mixin"
    _description = "Import Matching Existing Records"

    @api.model
    def _crm_import_match_keys(self):
        """{code: (label, field names the key's columns fill, stored field holding the normalised
        key, function turning the cells of those columns into that normalised key)}."""
        return {}

    @api.model
    def _crm_import_match_domain(self):
        """Where the existing records are looked for (all the records the user may read)."""
        return []

    @api.model
    def _crm_import_find_existing(self, code, keys):
        """{normalised key: record} of the existing records for `keys` (the oldest when several
        share a key), searched in chunks of SEARCH_CHUNK keys."""
        _label, _fnames, key_field, _make_key = self._crm_import_match_keys()[code]
        found = {}
        for chunk in split_every(SEARCH_CHUNK, sorted(keys)):
            domain = [(key_field, "in", list(chunk)), *self._crm_import_match_domain()]
            for record in self.search_fetch(domain, [key_field], order="id"):
                found.setdefault(record[key_field], record)
        return found

    def _load_records(self, data_list, update=False):
        """Rows whose record exists and is to be left as it is come as the record's id with no
        value (see `base_import.import._handle_multi_mapping`): they are answered with that record
        and not written, so that `load()` reports them on their own line like the others."""
        if not self.env.context.get("import_file"):
            return super()._load_records(data_list, update=update)
        kept = {}
        if self.env.context.get("crm_import_keep_existing"):
            kept = {
                index: self.browse(data["values"]["id"])
                for index, data in enumerate(data_list)
                if data["values"].get("id") and not any(value for name, value in data["values"].items() if name != "id")
            }
        others = [data for index, data in enumerate(data_list) if index not in kept]
        loaded = iter(super()._load_records(others, update=update) if others else [])
        return self.browse().concat(*(kept.get(index) or next(loaded) for index in range(len(data_list))))

    @api.model
    def _sql_error_to_message_generic(self, exc):
        """On a line of an import, a required field left empty is named in the user's language
        (Odoo's message, written for developers, has no French)."""
        if self.env.context.get("import_file") and isinstance(exc, psycopg2.errors.NotNullViolation):
            field = self._fields.get(exc.diag.column_name or "")
            if exc.diag.table_name == self._table and field:
                return self.env._(
                    'The required field "%s" is empty: fill it in on this line, or map a column to it.',
                    field._description_string(self.env),
                )
        return super()._sql_error_to_message_generic(exc)
