from odoo import api, fields, models


class CrmPipelineTriggerAction(models.Model):
    """The pipeline's actions "add to a marketing scenario" and "remove from a marketing scenario"."""

    _inherit = "crm.pipeline.trigger.action"

    kind = fields.Selection(
        selection_add=[
            ("scenario_add", "Add to a marketing scenario"),
            ("scenario_remove", "Remove from a marketing scenario"),
        ],
        ondelete={"scenario_add": "cascade", "scenario_remove": "cascade"},
    )
    scenario_id = fields.Many2one(
        "marketing.scenario",
        string="Marketing Scenario",
        ondelete="cascade",
        domain="[('model_name', '=', 'crm.lead')]",
    )

    @api.depends("scenario_id")
    def _compute_description(self):
        ours = self.filtered(lambda action: action.kind in ("scenario_add", "scenario_remove"))
        result = super(CrmPipelineTriggerAction, self - ours)._compute_description()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for action in ours:
            action.description = self.env._(
                "%(kind)s: %(detail)s", kind=kinds[action.kind], detail=action.scenario_id.name or ""
            )
        return result

    @api.constrains("scenario_id")
    def _check_scenario(self):
        self._check_configuration()

    def _configuration_problem(self):
        if self.kind not in ("scenario_add", "scenario_remove"):
            return super()._configuration_problem()
        if not self.scenario_id:
            return self.env._("choose the marketing scenario.")
        if self.scenario_id.model_name != "crm.lead":
            return self.env._(
                'the scenario "%s" is not one of leads and opportunities: choose a scenario of opportunities.',
                self.scenario_id.name,
            )
        return None

    def _run_scenario_add(self, leads, log_of):
        # Only the opportunities of the scenario's audience are enrolled; the log of the others
        # says so. The scenario then acts on them with the rights of its Run As user.
        left_out, note = self.scenario_id._enrol_from_trigger(leads)
        for lead in left_out:
            log = log_of[lead.id]
            log.scenario_note = "\n".join(filter(None, [log.scenario_note, note]))

    def _run_scenario_remove(self, leads, log_of):
        self.scenario_id._remove(leads)

    def _describe_scenario_add(self, lead):
        return self.env._('Enrols the opportunity in the marketing scenario "%s".', self.scenario_id.name)

    def _describe_scenario_remove(self, lead):
        return self.env._('Removes the opportunity from the marketing scenario "%s".', self.scenario_id.name)
