from odoo import api, fields, models


class SmartQueryLaunch(models.TransientModel):
    """The dialog asking the parameters' values before the query's records are shown."""

    _name = "smart.query.launch"
    _description = "Run a Saved Query"

    query_id = fields.Many2one("smart.query", string="Query", required=True, ondelete="cascade")
    line_ids = fields.One2many("smart.query.launch.line", "launch_id", string="Values")

    @api.model_create_multi
    def create(self, vals_list):
        runs = super().create(vals_list)
        for run in runs.filtered(lambda r: not r.line_ids):
            run.line_ids = [
                fields.Command.create({"param_id": param.id, **param._run_line_default()})
                for param in run.query_id.param_ids
            ]
        return runs

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and values.get("query_id") and not values.get("line_ids"):
            query = self.env["smart.query"].browse(values["query_id"])
            values["line_ids"] = [
                fields.Command.create({"param_id": param.id, **param._run_line_default()}) for param in query.param_ids
            ]
        return values

    def _param_values(self):
        self.ensure_one()
        return {line.param_id.name: line._value() for line in self.line_ids}

    def action_run(self):
        """Open the matching records; a missing required value or a wrong one is refused by the query."""
        self.ensure_one()
        return self.query_id._action_open_records(self._param_values())
