from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs

from .common_mailing_smart_query import MailingSmartQueryCase


class TestCrmPipelineTriggerActionMailing(MailingSmartQueryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_marketer = new_test_user(
            cls.env,
            login="mcq_sales_marketer",
            groups="sales_team.group_sale_manager,marketing_campaigns.group_marketing_campaigns_user",
            name="Sarah Sales",
        )
        cls.campaign = cls.env["utm.campaign"].create({"name": "MCQ autumn"})
        cls.template = cls.env["mail.template"].create(
            {
                "name": "MCQ offer",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "subject": "Our offer",
                "body_html": "<p>Hello {{ object.partner_id.name }}</p>",
            }
        )
        cls.trigger = cls.env["crm.pipeline.trigger"].create(
            {
                "name": "MCQ won",
                "event": "won",
                "run_as_user_id": cls.sales_marketer.id,
                "action_ids": [
                    Command.create(
                        {"kind": "mailing_create", "template_id": cls.template.id, "utm_campaign_id": cls.campaign.id}
                    )
                ],
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "MCQ opportunity",
                "type": "opportunity",
                "partner_id": cls.lyon.id,
                "user_id": cls.sales_marketer.id,
            }
        )

    def fire(self, leads):
        with trap_jobs() as trap:
            self.trigger._create_logs(leads.ids)
            trap.perform_enqueued_jobs()

    def campaign_mailings(self):
        return self.env["mailing.mailing"].search([("campaign_id", "=", self.campaign.id)])

    def test_creates_a_draft_campaign_to_the_contact_from_the_template(self):
        self.fire(self.lead)
        mailing = self.campaign_mailings()
        self.assertEqual(len(mailing), 1)
        self.assertEqual(mailing.state, "draft")
        self.assertEqual(mailing.subject, "Our offer")
        self.assertIn("object.partner_id.name", mailing.body_html, "rendered per recipient when sent, as Odoo does")
        self.assertEqual(mailing.crm_lead_id, self.lead)
        self.assertEqual(mailing.user_id, self.sales_marketer)
        self.assertEqual(mailing._get_recipients(), self.lead.ids)
        mailing.action_send_mail()
        self.assertEqual(self.received(mailing), self.lead)

    def test_creates_the_campaign_once_per_opportunity(self):
        self.fire(self.lead)
        self.fire(self.lead)
        other = self.lead.copy({"name": "MCQ other opportunity"})
        self.fire(self.lead | other)
        self.assertEqual(self.campaign_mailings().crm_lead_id, self.lead | other)
        self.assertEqual(len(self.campaign_mailings()), 2)
        logs = self.env["crm.pipeline.trigger.log"].search([("trigger_id", "=", self.trigger.id)])
        self.assertEqual(set(logs.mapped("state")), {"done"})

    def test_opportunity_without_address_is_logged_in_error(self):
        lead = self.env["crm.lead"].create({"name": "MCQ nobody", "type": "opportunity"})
        self.fire(lead | self.lead)
        log = self.env["crm.pipeline.trigger.log"].search(
            [("trigger_id", "=", self.trigger.id), ("lead_id", "=", lead.id)]
        )
        self.assertEqual(log.state, "failed")
        self.assertIn("no e-mail address", log.error)
        self.assertEqual(self.campaign_mailings().crm_lead_id, self.lead, "the other opportunity gets its campaign")

    def test_describes_what_it_would_do(self):
        text = self.trigger.action_ids._describe(self.lead)
        self.assertIn("Our offer", text)
        self.assertIn("lyon@example.com", text)
        self.fire(self.lead)
        self.assertIn("made already", self.trigger.action_ids._describe(self.lead))

    def test_template_of_another_model_is_refused(self):
        template = self.env["mail.template"].create({"name": "MCQ partner", "model_id": self.partner_model.id})
        with self.assertRaisesRegex(ValidationError, "choose a template of opportunities"):
            self.trigger.action_ids.template_id = template

    def test_run_as_user_who_may_not_create_mailings_is_refused(self):
        salesman = new_test_user(self.env, login="mcq_salesman", groups="sales_team.group_sale_manager")
        with self.assertRaisesRegex(ValidationError, "may not create mailings"):
            self.env["crm.pipeline.trigger"].create(
                {
                    "name": "MCQ won by a salesman",
                    "event": "won",
                    "run_as_user_id": salesman.id,
                    "action_ids": [
                        Command.create(
                            {
                                "kind": "mailing_create",
                                "template_id": self.template.id,
                                "utm_campaign_id": self.campaign.id,
                            }
                        )
                    ],
                }
            )
