from odoo import api, fields, models


class SmartQueryTriggerAction(models.Model):
    """The smart query trigger's action "enrol in a marketing scenario"."""

    _inherit = "smart.query.trigger.action"

    kind = fields.Selection(
        selection_add=[("scenario_enrol", "Enrol in a Marketing Scenario")],
        ondelete={"scenario_enrol": "cascade"},
    )
    scenario_id = fields.Many2one(
        "marketing.scenario",
        string="Marketing Scenario",
        ondelete="cascade",
        domain="[('model_name', '=', model_name)]",
    )

    @api.constrains("scenario_id")
    def _check_scenario(self):
        self._check_configuration()

    def _configuration_problem(self):
        if self.kind != "scenario_enrol":
            return super()._configuration_problem()
        if not self.scenario_id:
            return self.env._("choose the marketing scenario.")
        if self.scenario_id.model_name != self.model_name:
            return self.env._(
                'the scenario "%(scenario)s" enrols %(other)s, not %(model)s: choose a scenario of %(model)s.',
                scenario=self.scenario_id.name,
                other=self.scenario_id.model_id.name,
                model=self.model_name,
            )
        return None

    def _run_scenario_enrol(self, records, stats):
        # Only the records of the scenario's audience are enrolled: the others are counted as
        # not contacted, and named in the run's details.
        left_out, note = self.scenario_id._enrol_from_trigger(records)
        if left_out:
            stats["left_out"] += len(left_out)
            stats["errors"].append(note)
