from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mail import email_normalize


class MarketingScenarioTest(models.TransientModel):
    """Run a scenario for one chosen record: each hour, day or week of a delay lasts one minute,
    and the e-mails go to a test address only."""

    _name = "marketing.scenario.test"
    _description = "Test a Marketing Scenario"

    scenario_id = fields.Many2one("marketing.scenario", required=True, ondelete="cascade")
    model_name = fields.Char(related="scenario_id.model_name")
    res_id = fields.Many2oneReference(string="Record", model_field="model_name", required=True)
    test_email = fields.Char(string="Send the E-mails To", required=True, default=lambda self: self.env.user.email)

    @api.constrains("test_email")
    def _check_test_email(self):
        for wizard in self:
            if not email_normalize(wizard.test_email or ""):
                raise ValidationError(
                    self.env._('"%s" is not an e-mail address: write the test address.', wizard.test_email)
                )

    def action_launch(self):
        """Enrol the record as a test participant, run what is due at once, and show its steps."""
        self.ensure_one()
        scenario = self.scenario_id
        if not scenario.step_ids:
            raise UserError(
                self.env._("The scenario %s has no step: add its first step before testing it.", scenario.name)
            )
        scenario.step_ids._check_configuration()
        scenario._check_run_as_can_send()
        record = self.env[scenario.model_name].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("Choose the record to test the scenario with."))
        # The steps act with the rights of the scenario's Run As user, whoever tests it.
        values = scenario._participant_values(
            record, f"test,{record._name},{record.id}", is_test=True, test_email=self.test_email
        )
        participant = self.env["marketing.scenario.participant"].create(values)
        participant._schedule_first_steps()
        participant.action_run_due_now()
        return {
            "type": "ir.actions.act_window",
            "res_model": "marketing.scenario.participant",
            "res_id": participant.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
