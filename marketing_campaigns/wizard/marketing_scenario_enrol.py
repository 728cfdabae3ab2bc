from odoo import api, fields, models
from odoo.exceptions import UserError


class MarketingScenarioEnrol(models.TransientModel):
    """Enrol the records selected in a list in a running scenario, by hand."""

    _name = "marketing.scenario.enrol"
    _description = "Enrol in a Marketing Scenario"

    model_name = fields.Char(required=True, default=lambda self: self.env.context.get("active_model"))
    res_ids = fields.Json(string="Records", default=lambda self: self.env.context.get("active_ids") or [])
    record_count = fields.Integer(compute="_compute_record_count", string="Selected Records")
    scenario_id = fields.Many2one(
        "marketing.scenario",
        string="Scenario",
        required=True,
        domain="[('model_name', '=', model_name), ('state', '=', 'running')]",
    )

    @api.depends("res_ids")
    def _compute_record_count(self):
        for wizard in self:
            wizard.record_count = len(wizard.res_ids or [])

    def action_enrol(self):
        self.ensure_one()
        if self.scenario_id.model_name != self.model_name:
            raise UserError(self.env._("Choose a scenario of the selected records."))
        records = self.env[self.model_name].browse(self.res_ids).exists()
        participants = self.scenario_id._enrol(records)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.scenario_id.name,
                "message": self.env._(
                    "%(new)s records enrolled; %(known)s were already in the scenario.",
                    new=len(participants),
                    known=len(records) - len(participants),
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
