from odoo import api, fields, models
from odoo.exceptions import AccessError


class MailingSmartQueryValue(models.Model):
    """The value of one parameter of a mailing's query, used each time the mailing is sent.
    Its fields are those of the query's run dialog, so that the same widget shows them."""

    _name = "mailing.smart.query.value"
    _description = "Mailing Query Value"
    _order = "mailing_id, sequence, id"
    _rec_name = "label"

    mailing_id = fields.Many2one("mailing.mailing", string="Mailing", required=True, ondelete="cascade", index=True)
    param_id = fields.Many2one("smart.query.param", string="Parameter", required=True, ondelete="cascade")
    # Read as superuser: the marketing team works on each other's mailings, and a colleague who
    # may not read the author's query still reads its questions here (the author, who chose the
    # query, could read them: see _check_param_of_mailing_query).
    sequence = fields.Integer(related="param_id.sequence")
    label = fields.Char(related="param_id.label")
    question = fields.Char(compute="_compute_question")
    param_type = fields.Selection(related="param_id.param_type")
    required = fields.Boolean(related="param_id.required")
    selection_field_id = fields.Many2one(related="param_id.selection_field_id")
    record_model = fields.Char(related="param_id.record_model_id.model", string="Record Model")
    default_value = fields.Char(
        related="param_id.default_value",
        string="If Left Empty",
        help="The parameter's default value, used when the mailing is sent if no value is given here.",
    )
    value_text = fields.Char(string="Text")
    value_number = fields.Float(string="Number")
    value_date = fields.Date(string="Date")
    value_selection_id = fields.Many2one(
        "ir.model.fields.selection", string="Choice", domain="[('field_id', '=', selection_field_id)]"
    )
    value_record = fields.Many2oneReference(string="Record", model_field="record_model")

    _param_once_per_mailing = models.UniqueIndex(
        "(mailing_id, param_id)", "A mailing holds one value per parameter of its query."
    )

    @api.depends("label")
    def _compute_question(self):
        for value in self:
            label = (value.label or "").strip()
            value.question = label if label.endswith("?") else self.env._("%(question)s?", question=label)

    @api.model_create_multi
    def create(self, vals_list):
        values = super().create(vals_list)
        values._check_param_of_mailing_query()
        values.mailing_id._check_query_editable()
        return values

    def write(self, vals):
        self.mailing_id._check_query_editable()
        result = super().write(vals)
        if {"param_id", "mailing_id"} & set(vals):
            self._check_param_of_mailing_query()
        return result

    def _check_param_of_mailing_query(self):
        """The questions are shown to anyone who reads the mailing: a value is for a parameter of
        the mailing's own query, one the user giving it may read."""
        if any(value.param_id.query_id != value.mailing_id.smart_query_id for value in self):
            raise AccessError(self.env._("A mailing holds values for the parameters of its own query only."))
        if not self.env.su:
            self.param_id.check_access("read")

    def _value(self):
        """The raw value given, or None to fall back on the parameter's default (see
        smart.query.launch.line, whose fields these are)."""
        self.ensure_one()
        if self.param_type == "selection":
            return self.value_selection_id.value or None
        if self.param_type == "number":
            return self.value_number
        field_name = self.env["smart.query.launch.line"]._value_field(self.param_type)
        return self[field_name] or None
