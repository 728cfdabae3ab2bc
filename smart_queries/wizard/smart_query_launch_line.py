from odoo import api, fields, models
from odoo.exceptions import AccessError


class SmartQueryLaunchLine(models.TransientModel):
    """The value of one parameter in the run dialog, in a field of the parameter's type."""

    _name = "smart.query.launch.line"
    _description = "Saved Query Parameter Value"
    _order = "sequence, id"

    launch_id = fields.Many2one("smart.query.launch", required=True, ondelete="cascade")
    param_id = fields.Many2one("smart.query.param", string="Parameter", required=True, ondelete="cascade")
    # Sorts the lines (_order): read as superuser, as related fields are by default.
    sequence = fields.Integer(related="param_id.sequence")
    # Read with the user's rights: a parameter of a query the user may not read shows nothing
    # of itself here.
    label = fields.Char(related="param_id.label", compute_sudo=False)
    question = fields.Char(compute="_compute_question", string="Question", compute_sudo=False)
    param_type = fields.Selection(related="param_id.param_type", compute_sudo=False)
    required = fields.Boolean(related="param_id.required", compute_sudo=False)
    selection_field_id = fields.Many2one(related="param_id.selection_field_id", compute_sudo=False)
    record_model = fields.Char(related="param_id.record_model_id.model", string="Record Model", compute_sudo=False)
    value_text = fields.Char(string="Text")
    value_number = fields.Float(string="Number")
    value_date = fields.Date(string="Date")
    value_selection_id = fields.Many2one(
        "ir.model.fields.selection",
        string="Choice",
        domain="[('field_id', '=', selection_field_id)]",
    )
    value_record = fields.Many2oneReference(string="Record", model_field="record_model")

    @api.depends("label")
    def _compute_question(self):
        for line in self:
            label = (line.label or "").strip()
            line.question = label if label.endswith("?") else self.env._("%(question)s?", question=label)

    @api.model_create_multi
    def create(self, vals_list):
        """The related fields above are read as superuser: the parameter must be one the user may
        read, of the query being run."""
        lines = super().create(vals_list)
        if not self.env.su:
            lines.param_id.check_access("read")
            lines.launch_id.query_id.check_access("read")
            if any(line.param_id.query_id != line.launch_id.query_id for line in lines):
                raise AccessError(self.env._("The run dialog only asks the parameters of the query being run."))
        return lines

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
