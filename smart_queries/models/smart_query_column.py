from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SmartQueryColumn(models.Model):
    """A field shown as a column of the list a query opens, in the order of the sequence."""

    _name = "smart.query.column"
    _description = "Saved Query Column"
    _order = "query_id, sequence, id"

    query_id = fields.Many2one("smart.query", string="Query", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(related="query_id.model_id")
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        required=True,
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', 'not in', ('binary', 'one2many', 'json', 'properties_definition'))]",
    )
    field_name = fields.Char(related="field_id.name", string="Technical Name")

    _field_once_per_query = models.UniqueIndex(
        "(query_id, field_id)",
        "A field is shown once per query: remove the duplicate column.",
    )

    @api.constrains("field_id", "query_id")
    def _check_field_of_query_model(self):
        for column in self:
            if column.field_id.model_id != column.query_id.model_id:
                raise ValidationError(
                    self.env._(
                        "The column %(field)s is not a field of %(model)s, the model of the query %(query)s: "
                        "choose a field of that model.",
                        field=column.field_id.field_description,
                        model=column.query_id.model_id.name,
                        query=column.query_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        columns = super().create(vals_list)
        columns.query_id._sync_list_view()
        return columns

    def write(self, vals):
        queries = self.query_id
        result = super().write(vals)
        (queries | self.query_id)._sync_list_view()
        return result

    def unlink(self):
        queries = self.query_id
        result = super().unlink()
        queries.exists()._sync_list_view()
        return result
