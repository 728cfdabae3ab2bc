from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PipelineAutomationCase


class TestPipelineTriggerConfiguration(PipelineAutomationCase):
    """What a sales manager may set up, what is refused on save and why, and the automation
    rules that follow the triggers."""

    def test_the_automation_rule_follows_the_trigger(self):
        trigger = self.create_trigger("stage_moved", from_stage_id=self.stage_r1.id, stage_id=self.stage_r2.id)
        rule = trigger.automation_ids
        self.assertEqual((rule.trigger, rule.model_id.model), ("on_stage_set", "crm.lead"))
        self.assertEqual(rule.filter_pre_domain, repr([("stage_id", "=", self.stage_r1.id)]))
        trigger.with_user(self.manager).write({"event": "activity_done", "activity_type_id": self.call.id})
        rule = trigger.automation_ids
        self.assertEqual((rule.trigger, rule.model_id.model), ("on_archive", "mail.activity"))
        self.assertFalse(rule.filter_pre_domain, "nothing lingers from the former event")
        trigger.with_user(self.manager).active = False
        self.assertFalse(trigger.with_context(active_test=False).automation_ids.active)
        trigger.with_user(self.manager).unlink()
        self.assertFalse(rule.exists())

    def test_dormancy_has_no_automation_rule(self):
        trigger = self.create_trigger("dormant", dormant_days=10)
        self.assertFalse(trigger.automation_ids)

    def test_bad_input_is_refused_with_what_to_change(self):
        cases = [
            ({"event": "stage_moved", "from_stage_id": self.stage_r2.id, "stage_id": self.stage_r2.id}, "the same"),
            ({"event": "stage_reached", "stage_id": self.stage_other.id}, "CPA other pipeline"),
            ({"event": "dormant", "dormant_days": 0}, "above 0"),
            ({"event": "dormant", "dormant_days": -3}, "above 0"),
            (
                {"event": "stage_reached", "stage_id": self.stage_r2.id, "filter_domain": "[('nope', '=', 1)]"},
                "conditions",
            ),
        ]
        for values, said in cases:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, said):
                self.create_trigger(**{"event": values.pop("event"), **values})

    def test_activity_type_of_another_model_is_refused(self):
        other_type = self.env["mail.activity.type"].create({"name": "CPA partner type", "res_model": "res.partner"})
        with self.assertRaisesRegex(ValidationError, "for other documents than opportunities"):
            self.create_trigger("activity_created", activity_type_id=other_type.id)
        with self.assertRaisesRegex(ValidationError, "for other documents than opportunities"):
            self.create_trigger(
                "won",
                actions=[{"kind": "activity", "activity_type_id": other_type.id, "activity_assignee": "salesperson"}],
            )

    def test_bad_email_actions_are_refused(self):
        partner_template = self.env["mail.template"].create(
            {"name": "CPA partner template", "model_id": self.env["ir.model"]._get_id("res.partner")}
        )
        mail = {"kind": "mail", "template_id": self.template.id, "mail_to_salesperson": True}
        cases = [
            ({**mail, "template_id": partner_template.id}, "template of opportunities"),
            ({**mail, "mail_to_others": "[[AssignedToId]]"}, r"\[\[AssignedToId\]\] names no field"),
            ({**mail, "mail_to_others": "[[user_id.nope]]"}, "names no field"),
            ({**mail, "mail_to_others": "not an address"}, "is not an e-mail address"),
            ({**mail, "mail_sender": "address", "mail_sender_address": ""}, "sender's e-mail address"),
            ({"kind": "mail", "template_id": self.template.id}, "who receives"),
            ({"kind": "activity", "activity_type_id": self.call.id, "activity_days": -1}, "0 or more"),
            ({"kind": "tag"}, "choose the tag"),
        ]
        for action, said in cases:
            with self.subTest(action=action), self.assertRaisesRegex(ValidationError, said):
                self.create_trigger("won", actions=[action])

    def test_run_as_another_user_is_for_settings_managers_only(self):
        with self.assertRaisesRegex(UserError, "Only a settings manager"):
            self.create_trigger("won", run_as_user_id=self.salesman.id)
        trigger = self.create_trigger("won")
        self.assertEqual(trigger.run_as_user_id, self.manager, "by default the sales manager who made it")
        with self.assertRaisesRegex(UserError, "Only a settings manager"):
            trigger.with_user(self.manager).run_as_user_id = self.salesman
        trigger.with_user(self.env.ref("base.user_admin")).run_as_user_id = self.salesman
        self.assertEqual(trigger.run_as_user_id, self.salesman)

    def test_salespeople_neither_see_nor_make_triggers_nor_read_logs(self):
        trigger = self.create_trigger("won")
        with self.assertRaises(AccessError):
            self.Trigger.with_user(self.salesman).create({"name": "mine", "event": "won"})
        with self.assertRaises(AccessError):
            trigger.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.Log.with_user(self.salesman).search([])
        self.assertFalse(self.env["base.automation"].with_user(self.manager).has_access("write"))

    def test_the_test_dialog_says_what_each_action_would_do_and_does_nothing(self):
        trigger = self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            filter_domain="[('expected_revenue', '>=', 1000)]",
            actions=[
                {"kind": "activity", "activity_type_id": self.call.id, "activity_summary": "Call them",
                 "activity_assignee": "team_leader"},
                {"kind": "mail", "template_id": self.template.id, "mail_to_others": "[[user_id]]"},
                self.tag_action(self.tag),
            ],
        )  # fmt: skip
        big = self.create_leads(name="Big", expected_revenue=5000)
        small = self.create_leads(name="Small", expected_revenue=10)
        Test = self.env["crm.pipeline.trigger.test"].with_user(self.manager)
        result = Test.create({"trigger_id": trigger.id, "lead_id": big.id}).result
        self.assertIn("fires for this opportunity", result)
        self.assertIn("Call them", result)
        self.assertIn("Leo Leader", result)
        self.assertIn("About Big", result, "the subject, rendered")
        self.assertIn("sam@example.com", result)
        self.assertIn("CPA tagged", result)
        self.assertIn(
            "does not meet the conditions", Test.create({"trigger_id": trigger.id, "lead_id": small.id}).result
        )
        self.assertFalse(big.activity_ids)
        self.assertFalse(big.tag_ids)
        self.assertFalse(self.env["mail.mail"].search([("res_id", "=", big.id), ("subject", "=like", "About %")]))
