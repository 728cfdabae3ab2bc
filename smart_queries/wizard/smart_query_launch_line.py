from odoo import api, fields, models


class SmartQueryLaunchLine(models.TransientModel):
    """The value of one parameter in the run dialog, in a field of the parameter's type."""

    _name = "smart.query.launch.line"
    _description = "Saved Query Parameter Value"
    _order = "sequence, id"

    launch_id = fields.Many2one("smart.query.launch", required=True, ondelete="cascade")
    param_id = fields.Many2one("smart.query.param", string="Parameter", required=True, ondelete="cascade")
    sequence = fields.Integer(related="param_id.sequence")
    label = fields.Char(related="param_id.label")
    param_type = fields.Selection(related="param_id.param_type")
    required = fields.Boolean(related="param_id.required")
    selection_field_id = fields.Many2one(related="param_id.selection_field_id")
    record_model = fields.Char(related="param_id.record_model_id.model", string="Record Model")
    value_text = fields.Char(string="Text")
    value_number = fields.Float(string="Number")
    value_date = fields.Date(string="Date")
    value_selection_id = fields.Many2one(
        "ir.model.fields.selection",
        string="Choice",
        domain="[('field_id', '=', selection_field_id)]",
    )
    value_record = fields.Many2oneReference(string="Record", model_field="record_model")

    @api.model
    def _value_field(self, param_type):
        return {
            "text": "value_text",
            "number": "value_number",
            "date": "value_date",
            "selection": "value_selection_id",
            "record": "value_record",
        }[param_type]

    def _value(self):
        """The raw value typed in, or None to fall back on the parameter's default."""
        self.ensure_one()
        if self.param_type == "selection":
            return self.value_selection_id.value or None
        if self.param_type == "number":
            # A number field always holds one (0 when left alone): it is the value given.
            return self.value_number
        return self[self._value_field(self.param_type)] or None
