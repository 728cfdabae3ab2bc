from datetime import datetime, timedelta

from odoo.tests import TransactionCase, freeze_time, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs

# The tests' clock: enrolments happen at START, the later passes of the scheduled job after it.
START = datetime(2026, 3, 2, 9, 0)


class MarketingScenarioCase(TransactionCase):
    """A marketing manager and user, a salesperson, leads with e-mails, an e-mail template of
    leads, and helpers to build scenarios and run the scheduled job with its jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scenario = cls.env["marketing.scenario"]
        cls.Trace = cls.env["marketing.scenario.trace"]
        cls.Participant = cls.env["marketing.scenario.participant"]
        cls.manager = new_test_user(
            cls.env, login="msc_manager", name="Marion Manager", email="marion@example.com",
            groups="marketing_campaigns.group_marketing_campaigns_manager,sales_team.group_sale_salesman_all_leads",
        )  # fmt: skip
        cls.marketer = new_test_user(
            cls.env, login="msc_user", name="Mathis Marketer", email="mathis@example.com",
            groups="marketing_campaigns.group_marketing_campaigns_user,sales_team.group_sale_salesman_all_leads",
        )  # fmt: skip
        cls.salesman = new_test_user(
            cls.env, login="msc_salesman", name="Sacha Salesman", email="sacha@example.com",
            groups="sales_team.group_sale_salesman_all_leads",
        )  # fmt: skip
        cls.lead_model = cls.env["ir.model"]._get("crm.lead")
        cls.email_field = cls.env["ir.model.fields"]._get("crm.lead", "email_from")
        cls.template = cls.env["mail.template"].create(
            {
                "name": "MSC welcome",
                "model_id": cls.lead_model.id,
                "subject": "Welcome {{ object.contact_name }}",
                "body_html": "<p>Hello</p>",
            }
        )
        cls.partner_template = cls.env["mail.template"].create(
            {
                "name": "MSC partner template",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "subject": "Hello",
                "body_html": "<p>Hello</p>",
            }
        )
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.tag = cls.env["crm.tag"].create({"name": "MSC engaged"})
        cls.tags_field = cls.env["ir.model.fields"]._get("crm.lead", "tag_ids")
        cls.ann, cls.bob, cls.carl = cls.env["crm.lead"].create(
            [
                {"name": "MSC Ann", "type": "lead", "contact_name": "Ann", "email_from": "ann@example.com",
                 "user_id": cls.salesman.id},
                {"name": "MSC Bob", "type": "lead", "contact_name": "Bob", "email_from": "bob@example.com",
                 "user_id": cls.salesman.id},
                {"name": "MSC Carl", "type": "lead", "contact_name": "Carl", "email_from": "carl@example.com",
                 "user_id": cls.salesman.id},
            ]
        )  # fmt: skip
        cls.leads = cls.ann | cls.bob | cls.carl

    # ------------------------------------------------------------
    # Fixtures
    # ------------------------------------------------------------

    @classmethod
    def create_scenario(cls, steps=(), **values):
        """A scenario of the test leads (all "MSC" leads), unique by e-mail, made by the manager.
        `steps` are (key, values) pairs; a step's "parent" names the key of an earlier one.
        Return the scenario and its steps by key."""
        scenario = cls.Scenario.with_user(cls.manager).create(
            {
                "name": "MSC scenario",
                "model_id": cls.lead_model.id,
                "domain": "[('name', 'like', 'MSC ')]",
                "unique_field_id": cls.email_field.id,
                "auto_enrol": False,
                **values,
            }
        )
        steps_by_key = {}
        for key, step_values in steps:
            parent = step_values.pop("parent", None)
            steps_by_key[key] = cls.env["marketing.scenario.step"].with_user(cls.manager).create(
                {"name": key, "scenario_id": scenario.id, "parent_id": steps_by_key[parent].id if parent else False,
                 **step_values}
            )  # fmt: skip
        return scenario.with_user(cls.env.user), steps_by_key

    @classmethod
    def mail_step(cls, **values):
        return {"kind": "mail", "template_id": cls.template.id, **values}

    @classmethod
    def start(cls, scenario):
        with trap_jobs():  # the audience's enrolment is queued; the tests enrol by hand
            scenario.with_user(cls.marketer).action_start()

    @staticmethod
    def enrol(scenario, records, at=None):
        with freeze_time(at or START):
            return scenario._enrol(records)

    # ------------------------------------------------------------
    # Running
    # ------------------------------------------------------------

    def run_due(self, at=None):
        """One pass of the scheduled job at `at` (START by default), and the jobs it queues,
        performed as a worker would. Return the number of steps queued."""
        with freeze_time(at or START), trap_jobs() as trap:
            queued = self.Trace._cron_process_due_steps()
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        return queued

    def run_all(self, at=None):
        """Passes of the scheduled job at `at` until nothing more is due then."""
        while self.run_due(at):
            pass

    def traces(self, participant, step):
        return self.Trace.search([("participant_id", "=", participant.id), ("step_id", "=", step.id)])

    def outgoing_mails(self, lead):
        """The e-mails of mailings queued to `lead` (not the assignment notices to its salesperson)."""
        domain = [("model", "=", "crm.lead"), ("res_id", "=", lead.id), ("mailing_id", "!=", False)]
        return self.env["mail.mail"].search(domain)

    def later(self, **delta):
        return START + timedelta(**delta)

    @staticmethod
    def tag_step(tag_field, tag, **values):
        return {"kind": "tag_add", "tag_field_id": tag_field.id, "tag_id": tag.id, **values}
