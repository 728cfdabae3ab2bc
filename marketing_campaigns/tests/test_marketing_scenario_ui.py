from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMarketingScenarioUi(HttpCase):
    """The scenario screens as a marketing manager sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="tour_marketing_manager", name="Tour Marketing Manager",
            groups="marketing_campaigns.group_marketing_campaigns_manager,sales_team.group_sale_salesman_all_leads",
        )  # fmt: skip
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Tour Ann's lead", "contact_name": "Tour Ann", "email_from": "tour.ann@example.com"}
        )
        template = cls.env["mail.template"].create(
            {
                "name": "Tour welcome",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "subject": "Welcome, {{ object.contact_name }}",
                "body_html": "<p>Hello</p>",
            }
        )
        Step = cls.env["marketing.scenario.step"].with_user(cls.manager)
        cls.scenario = (
            cls.env["marketing.scenario"]
            .with_user(cls.manager)
            .create({"name": "Tour scenario", "domain": repr([("id", "=", cls.lead.id)])})
        )
        cls.mail_step = Step.create(
            {"name": "Tour welcome e-mail", "scenario_id": cls.scenario.id, "kind": "mail", "template_id": template.id}
        )
        # The wait carries the e-mail above it, that its branches read.
        cls.wait_step = Step.create(
            {"name": "Tour wait", "scenario_id": cls.scenario.id, "parent_id": cls.mail_step.id, "kind": "wait",
             "interval_number": 2}
        )  # fmt: skip

    def test_the_step_dialog_shows_the_subject_of_a_sample_not_its_placeholders(self):
        self.start_tour(
            f"/odoo/action-marketing_campaigns.marketing_scenario_action/{self.scenario.id}",
            "marketing_scenario_step_dialog",
            login="tour_marketing_manager",
        )

    def test_a_step_shows_only_the_e_mail_status_that_is_its_own(self):
        participant = self.env["marketing.scenario.participant"].create(
            {"scenario_id": self.scenario.id, "res_id": self.lead.id, "unique_key": "tour.ann@example.com",
             "lead_id": self.lead.id}
        )  # fmt: skip
        opened = self.env["mailing.trace"].create(
            {"mass_mailing_id": self.mail_step.mailing_id.id, "model": "crm.lead", "res_id": self.lead.id,
             "email": "tour.ann@example.com", "trace_status": "open"}
        )  # fmt: skip
        mail_trace = self.env["marketing.scenario.trace"].create(
            {"participant_id": participant.id, "step_id": self.mail_step.id, "state": "done",
             "schedule_date": "2026-03-02 09:00:00", "mailing_trace_id": opened.id}
        )  # fmt: skip
        # The wait's trace carries the e-mail above it, that the branches read.
        self.env["marketing.scenario.trace"].create(
            {"participant_id": participant.id, "step_id": self.wait_step.id, "parent_id": mail_trace.id,
             "schedule_date": "2026-03-04 09:00:00", "mailing_trace_id": opened.id}
        )  # fmt: skip
        self.start_tour(
            f"/odoo/action-marketing_campaigns.marketing_scenario_participant_action/{participant.id}",
            "marketing_scenario_step_status",
            login="tour_marketing_manager",
        )
        self.start_tour(
            f"/odoo/action-marketing_campaigns.marketing_scenario_action/{self.scenario.id}",
            "marketing_scenario_step_counters",
            login="tour_marketing_manager",
        )

    def test_a_user_without_marketing_rights_reads_a_scenario_without_error(self):
        for login, groups in (
            ("tour_sales_manager", "sales_team.group_sale_manager"),
            ("tour_crm_reader", "crm_leads.group_crm_readonly"),
        ):
            new_test_user(self.env, login=login, groups=groups)
            with self.subTest(login=login):
                self.start_tour(
                    f"/odoo/marketing.scenario/{self.scenario.id}", "marketing_scenario_reader", login=login
                )

    def test_a_caller_and_the_read_only_level_open_a_phone_campaign(self):
        caller = new_test_user(self.env, login="tour_caller", groups="sales_team.group_sale_salesman")
        reader = new_test_user(self.env, login="tour_crm_reader", groups="crm_leads.group_crm_readonly")
        leads = self.env["crm.lead"].create(
            [
                {"name": "Tour lead to call", "phone": "+33 1 40 00 00 01", "user_id": caller.id},
                {"name": "Tour lead not to call", "phone": "+33 1 40 00 00 02", "user_id": caller.id},
            ]
        )
        self.env["phone.blacklist"]._add(["+33140000002"])
        campaign = self.env["marketing.phone.campaign"].create(
            {"name": "Tour trade fair calls", "caller_ids": [(6, 0, caller.ids)], "state": "running"}
        )
        campaign._add_targets({"crm.lead": leads.ids})
        self.assertEqual(campaign.do_not_call_count, 1)
        for user in (caller, reader):
            with self.subTest(login=user.login):
                self.start_tour(
                    f"/odoo/marketing.phone.campaign/{campaign.id}", "marketing_phone_campaign_caller", login=user.login
                )

    def test_the_steps_show_as_the_tree_they_make(self):
        self.start_tour(
            f"/odoo/action-marketing_campaigns.marketing_scenario_action/{self.scenario.id}",
            "marketing_scenario_steps_tree",
            login="tour_marketing_manager",
        )
