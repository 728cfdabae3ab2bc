"""The findings of the security review (issue 10), each reproduced through the user who attacks."""

import json

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQuerySecurity(SmartQueryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.login_layout = cls.env.ref("web.login_layout")
        cls.everyone = cls.env.ref("base.group_user")
        cls.tag = cls.env["res.partner.category"].create({"name": "SQ Security"})
        cls.partners = cls.env["res.partner"].create([{"name": f"SQ Target {index}"} for index in range(3)])
        for user in (cls.owner, cls.manager, cls.colleague):
            user.group_ids = [Command.link(cls.env.ref("base.group_partner_manager").id)]

    def make_trigger(self, query, actions, user=None, **values):
        values = {
            "name": "SQ security trigger",
            "query_id": query.id,
            "action_ids": [Command.create(action) for action in actions],
            **values,
        }
        return self.env["smart.query.trigger"].with_user(user or self.manager).create(values)

    def tag_action(self):
        return {
            "kind": "tag_add",
            "field_id": self.partner_fields["category_id"],
            "value_ref": f"res.partner.category,{self.tag.id}",
        }

    # 1. the generated list view

    def test_a_user_cannot_point_a_query_at_a_view_of_the_database(self):
        query = self.create_query(columns=("name",))
        with self.assertRaises(AccessError):
            query.with_user(self.owner).write({"list_view_id": self.login_layout.id})
        with self.assertRaises(AccessError):
            self.create_query(name="SQ hostile", list_view_id=self.login_layout.id)
        self.assertTrue(self.login_layout.exists())

    def test_the_addon_never_rewrites_nor_deletes_a_view_it_did_not_generate(self):
        query = self.create_query(columns=("name",))
        generated = self.generated_list(query)
        arch_before = self.login_layout.arch_db
        # Whatever put it there (an old database, a slip of an administrator).
        self.env.cr.execute("UPDATE smart_query SET list_view_id = %s WHERE id = %s", (self.login_layout.id, query.id))
        query.invalidate_recordset()
        as_owner = query.with_user(self.owner)
        as_owner.write({"column_ids": [Command.create({"field_id": self.partner_fields["city"]})]})
        self.assertEqual(self.login_layout.arch_db, arch_before)
        self.assertNotEqual(self.generated_list(query), self.login_layout, "the query got a list of its own again")
        self.assertFalse(generated.exists() and generated == self.login_layout)
        self.env.cr.execute("UPDATE smart_query SET list_view_id = %s WHERE id = %s", (self.login_layout.id, query.id))
        query.invalidate_recordset()
        as_owner.unlink()
        self.assertTrue(self.login_layout.exists())
        self.env["smart.query"]._archive_for_missing_model(["res.partner"])
        self.assertTrue(self.login_layout.exists())

    # 2. acting as a colleague

    def test_only_a_settings_manager_gives_a_query_to_someone_else(self):
        with self.assertRaises(AccessError):
            self.create_query(user=self.manager, user_id=self.colleague.id)
        query = self.create_query(user=self.manager)
        with self.assertRaises(AccessError):
            query.with_user(self.manager).write({"user_id": self.colleague.id})
        mine = self.create_query(user=self.owner)
        with self.assertRaises(AccessError):
            mine.with_user(self.owner).write({"user_id": self.colleague.id})
        given = self.create_query(user=self.admin, user_id=self.colleague.id)
        self.assertEqual(given.user_id, self.colleague)

    def test_a_manager_cannot_steer_a_colleague_s_trigger_even_with_the_same_groups(self):
        colleague_query = self.create_query(user=self.colleague, domain="[('name', 'like', 'SQ Target')]")
        trigger = self.make_trigger(colleague_query, [self.tag_action()], user=self.admin)
        self.assertEqual(trigger.user_id, self.colleague)
        self.assertLessEqual(self.colleague.all_group_ids, self.manager.all_group_ids)
        with self.assertRaises(AccessError):
            colleague_query.with_user(self.manager).domain = "[('name', 'like', 'SQ ')]"
        with self.assertRaises(AccessError):
            trigger.with_user(self.manager).action_ids = [
                Command.create({"kind": "write", "field_id": self.partner_fields["comment"], "value_text": "x"})
            ]
        with self.assertRaises(AccessError):
            self.make_trigger(colleague_query, [self.tag_action()])
        with self.assertRaises(AccessError):
            trigger.with_user(self.manager).action_dry_run()

    # 4. criteria that hang or overload the server

    def test_criteria_are_literals_relative_dates_and_parameters_only(self):
        refused = (
            "[('id', '>', time.sleep(4) or 0)]",
            "[('id', 'in', list(range(2 * 10 ** 6)))]",
            "[('name', '=', 'x' * 10 ** 8)]",
            "[('name', '=', [c for c in 'abc'][0])]",
            "[('id', '>', (lambda: 1)())]",
        )
        for domain in refused:
            with self.subTest(domain=domain), self.assertRaisesRegex(ValidationError, "only values"):
                self.create_query(domain=domain)
        accepted = (
            "[('create_date', '>=', 'today -30d')]",
            "[('create_date', '>=', (context_today() + relativedelta(days=-30)).strftime('%Y-%m-%d'))]",
            "[('create_date', '>=', datetime.datetime.combine(context_today(), datetime.time(0, 0, 0))"
            ".strftime('%Y-%m-%d %H:%M:%S'))]",
            "['|', ('id', '=', -1), ('user_id', '=', uid)]",
        )
        for domain in accepted:
            with self.subTest(domain=domain):
                self.assertIsInstance(self.create_query(domain=domain)._get_domain(), list)

    def test_criteria_written_around_the_checks_are_not_evaluated(self):
        query = self.create_query(domain="[]")
        self.env.cr.execute(
            "UPDATE smart_query SET domain = %s WHERE id = %s", ("[('id', '>', time.sleep(4) or 0)]", query.id)
        )
        query.invalidate_recordset()
        with patch("time.sleep") as sleep, self.assertRaises(ValidationError):
            query.with_user(self.owner)._search_matching()
        sleep.assert_not_called()

    # 5. every recipient of a trigger's e-mail

    def test_a_blacklisted_address_among_several_gets_no_mail_from_a_trigger(self):
        template = self.env["mail.template"].create(
            {
                "name": "SQ hello",
                "model_id": self.partner_model.id,
                "subject": "Hello",
                "body_html": "<p>Hello</p>",
                "email_to": "{{ object.email }}",
            }
        )
        self.partners[0].email = "sq.fine@example.com, sq.refuses@example.com"
        self.partners[1].email = "sq.other@example.com"
        self.partners[2].email = False
        self.env["mail.blacklist"]._add("sq.refuses@example.com")
        query = self.create_query(user=self.manager, domain="[('name', 'like', 'SQ Target')]")
        run = self.run_trigger(self.make_trigger(query, [{"kind": "mail", "template_id": template.id}]))
        mails = self.env["mail.mail"].search([("model", "=", "res.partner"), ("res_id", "in", self.partners.ids)])
        self.assertNotIn(self.partners[0].id, mails.mapped("res_id"))
        self.assertIn(self.partners[1].id, mails.mapped("res_id"))
        self.assertFalse(any("sq.refuses" in (mail.email_to or "") for mail in mails))
        self.assertEqual(run.left_out_count, 1)

    # 7. side effects of a failing batch

    def test_a_failing_batch_fires_each_record_s_side_effects_once_and_the_failed_record_s_never(self):
        webhook = self.env["ir.actions.server"].create(
            {
                "name": "SQ notify",
                "model_id": self.partner_model.id,
                "state": "webhook",
                "webhook_url": "http://127.0.0.1:9/sq-hook",
            }
        )
        query = self.create_query(user=self.manager, domain="[('name', 'like', 'SQ Target')]")
        trigger = self.make_trigger(
            query,
            [
                {"sequence": 1, "kind": "server_action", "server_action_id": webhook.id},
                {"sequence": 2, "kind": "write", "field_id": self.partner_fields["comment"], "value_text": "done"},
            ],
        )
        broken = self.partners[-1]
        original_write = type(self.env["res.partner"]).write

        def write_failing_on_one(records, values):
            if "comment" in values and broken in records:
                raise ValueError("SQ broken record")
            return original_write(records, values)

        with patch.object(type(self.env["res.partner"]), "write", write_failing_on_one):
            run = self.run_trigger(trigger)
        with patch("requests.post") as post:
            self.env.cr.postcommit.run()  # what the commit of the batch job's transaction runs
        called = [json.loads(call.kwargs["data"])["_id"] for call in post.call_args_list]
        self.assertEqual(sorted(called), sorted((self.partners - broken).ids))
        self.assertEqual((run.processed_count, run.failed_count), (2, 1))

    # 8. the delete cap and manual runs

    def test_a_deactivated_trigger_does_not_run_by_hand(self):
        query = self.create_query(user=self.admin, domain="[('name', 'like', 'SQ Target')]")
        trigger = self.make_trigger(query, [{"kind": "unlink", "delete_cap": 2}], user=self.admin)
        self.run_trigger(trigger)
        self.assertFalse(trigger.active, "the cap deactivated it")
        self.assertEqual(len(self.partners.exists()), 1)
        with self.assertRaisesRegex(UserError, "deactivated"):
            trigger.action_run_now()
        self.assertEqual(len(self.partners.exists()), 1)

    def test_running_a_trigger_that_deletes_needs_the_right_to_set_one_up(self):
        query = self.create_query(user=self.manager, domain="[('name', 'like', 'SQ Target')]")
        trigger = self.make_trigger(query, [self.tag_action()])
        self.env["smart.query.trigger.action"].create({"trigger_id": trigger.id, "kind": "unlink", "delete_cap": 2})
        with self.assertRaisesRegex(AccessError, "settings manager"):
            trigger.with_user(self.manager).action_run_now()
        self.assertEqual(len(self.partners.exists()), 3)

    # 10. counts of a shared query

    def test_a_member_s_count_is_his_own_and_not_stored_on_the_shared_query(self):
        query = self.create_query(group_ids=[Command.link(self.everyone.id)])
        query.with_user(self.owner).action_refresh_preview()
        self.assertEqual((query.preview_count, query.preview_user_id), (5, self.owner))
        self.partners[0].active = False
        result = query.with_user(self.colleague).action_refresh_preview()
        self.assertEqual((query.preview_count, query.preview_user_id), (5, self.owner), "the owner's count stays")
        self.assertIn("4", result["params"]["message"])
        with self.assertRaises(AccessError):
            query.with_user(self.colleague).write({"preview_count": 99})

    # 11. the run dialog and parameters of others' queries

    def test_the_run_dialog_shows_no_parameter_of_a_query_the_user_cannot_read(self):
        private = self.create_query(params=[{"name": "secret", "label": "SQ Salary above", "param_type": "number"}])
        shared = self.create_query(group_ids=[Command.link(self.everyone.id)])
        Launch = self.env["smart.query.launch"].with_user(self.colleague)
        with self.assertRaises(AccessError):
            Launch.create(
                {"query_id": shared.id, "line_ids": [Command.create({"param_id": private.param_ids.id})]}
            ).line_ids.read(["label"])
        with self.assertRaises(AccessError):
            Launch.create({"query_id": private.id}).line_ids.read(["label"])

    # 12. run logs

    def test_run_logs_are_written_by_runs_only(self):
        query = self.create_query(user=self.manager, domain="[('name', 'like', 'SQ Target')]")
        trigger = self.make_trigger(query, [self.tag_action()])
        log = self.run_trigger(trigger.with_user(self.manager))
        self.assertEqual(log.with_user(self.manager).processed_count, 3)
        Run = self.env["smart.query.run"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Run.create({"trigger_id": trigger.id, "state": "done"})
        with self.assertRaises(AccessError):
            log.with_user(self.manager).write({"processed_count": 0})
        with self.assertRaises(AccessError):
            log.with_user(self.manager).unlink()
