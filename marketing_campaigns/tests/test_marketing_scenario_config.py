from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MarketingScenarioCase


@tagged("post_install", "-at_install")
class TestMarketingScenarioConfig(MarketingScenarioCase):
    def test_a_step_cycle_is_refused(self):
        _scenario, steps = self.create_scenario(
            [("first", self.mail_step()), ("second", {"parent": "first", "kind": "wait", "interval_number": 1})]
        )
        with self.assertRaisesRegex(ValidationError, "loop"):
            steps["first"].parent_id = steps["second"]

    def test_a_wait_without_duration_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "how long to wait"):
            self.create_scenario([("wait", {"kind": "wait", "interval_number": 0})])

    def test_an_email_step_with_a_template_of_another_model_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "choose a template of"):
            self.create_scenario([("mail", self.mail_step(template_id=self.partner_template.id))])

    def test_a_branch_on_an_email_needs_an_email_above_it(self):
        with self.assertRaisesRegex(ValidationError, "no step above it sends one"):
            self.create_scenario(
                [("wait", {"kind": "wait", "interval_number": 1}),
                 ("tag", {"parent": "wait", "trigger": "opened", **self.tag_step(self.tags_field, self.tag)})]
            )  # fmt: skip

    def test_starting_with_an_empty_audience_is_refused(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())], domain="[('name', '=', 'MSC nobody')]")
        with self.assertRaisesRegex(UserError, "audience .* is empty"):
            scenario.action_start()
        self.assertEqual(scenario.state, "draft")

    def test_starting_without_steps_is_refused(self):
        scenario, _steps = self.create_scenario()
        with self.assertRaisesRegex(UserError, "no step"):
            scenario.action_start()

    def test_a_unique_field_not_on_the_target_is_refused(self):
        partner_email = self.env["ir.model.fields"]._get("res.partner", "email")
        with self.assertRaisesRegex(ValidationError, "not a field of"):
            self.create_scenario([("mail", self.mail_step())], unique_field_id=partner_email.id)

    def test_each_email_step_sends_through_a_mailing_of_its_template(self):
        scenario, steps = self.create_scenario([("mail", self.mail_step())])
        mailing = steps["mail"].mailing_id
        self.assertEqual(mailing.mailing_model_real, "crm.lead")
        self.assertEqual(mailing.subject, self.template.subject)
        self.assertEqual(mailing.state, "done", "never sent by hand to a whole model")

    def test_a_step_mailing_is_named_after_its_scenario_and_step_not_its_placeholders(self):
        scenario, steps = self.create_scenario([("Welcome e-mail", self.mail_step())])
        self.assertEqual(steps["Welcome e-mail"].mailing_id.display_name, "MSC scenario - Welcome e-mail")
        self.assertIn(
            "{{", steps["Welcome e-mail"].mailing_id.subject, "the subject is the template's, rendered at sending"
        )

    def test_a_copy_of_a_scenario_copies_its_tree_of_steps(self):
        scenario, _steps = self.create_scenario(
            [("mail", self.mail_step()), ("wait", {"parent": "mail", "kind": "wait", "interval_number": 2})]
        )
        copy = scenario.with_user(self.manager).copy()
        mail, wait = copy.step_ids.sorted(lambda step: step.parent_path)
        self.assertEqual((mail.name, mail.parent_id, wait.name, wait.parent_id), ("mail", mail.browse(), "wait", mail))
        self.assertNotEqual(mail.mailing_id, _steps["mail"].mailing_id, "the copy sends through a mailing of its own")

    def test_marketing_users_run_and_managers_configure(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        with self.assertRaises(AccessError):
            self.Scenario.with_user(self.marketer).create({"name": "MSC not allowed", "model_id": self.lead_model.id})
        with self.assertRaises(AccessError):
            scenario.with_user(self.marketer).name = "Renamed"
        self.start(scenario)
        self.assertEqual(scenario.state, "running")
        self.assertEqual(
            scenario.user_id, self.manager, "the steps act as the manager who configured it, whoever starts it"
        )
        with self.assertRaises(AccessError):
            self.env["marketing.scenario.participant"].with_user(self.salesman).search([])

    def test_scenarios_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "MSC other company"})
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        scenario.company_id = other
        self.assertFalse(self.Scenario.with_user(self.manager).search([("id", "=", scenario.id)]))

    def test_test_mode_refuses_a_test_address_that_is_none(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        with self.assertRaisesRegex(ValidationError, "not an e-mail address"):
            self.env["marketing.scenario.test"].create(
                {"scenario_id": scenario.id, "res_id": self.ann.id, "test_email": "tester at example"}
            )

    def test_test_mode_sends_to_the_test_address_only_and_counts_nothing(self):
        scenario, steps = self.create_scenario(
            [("mail", self.mail_step()), ("wait", {"parent": "mail", "kind": "wait", "interval_number": 2})]
        )
        wizard = (
            self.env["marketing.scenario.test"]
            .with_user(self.marketer)
            .create({"scenario_id": scenario.id, "res_id": self.ann.id, "test_email": "tester@example.com"})
        )
        action = wizard.action_launch()
        participant = self.Participant.browse(action["res_id"])
        self.assertTrue(participant.is_test)
        self.assertEqual(self.traces(participant, steps["mail"]).state, "done", "run at once")
        wait = self.traces(participant, steps["wait"])
        delay = wait.schedule_date - self.traces(participant, steps["mail"]).done_date
        self.assertTrue(timedelta(minutes=2) <= delay < timedelta(hours=1), "2 days last 2 minutes in test mode")
        mails = self.outgoing_mails(self.ann)
        self.assertEqual(mails.mapped("email_to"), ["tester@example.com"])
        self.assertFalse(mails.recipient_ids)
        self.assertEqual(steps["mail"].processed_count, 0, "test participants are kept out of the statistics")
        self.assertEqual(scenario.enrolled_count, 0)
        # The real enrolment later still sends to Ann: the test used a mailing of its own.
        self.start(scenario)
        self.enrol(scenario, self.ann)
        self.run_all()
        self.assertIn("ann@example.com", self.outgoing_mails(self.ann).mapped("email_to"))
