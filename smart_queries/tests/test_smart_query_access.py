from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQueryAccess(SmartQueryCase):
    def test_a_query_is_private_by_default(self):
        query = self.create_query()
        self.assertEqual(query.user_id, self.owner)
        self.assertFalse(self.Query.with_user(self.colleague).search([("id", "=", query.id)]))
        self.assertEqual(self.Query.with_user(self.manager).search([("id", "=", query.id)]), query)

    def test_members_of_a_shared_group_run_it_but_do_not_change_it(self):
        query = self.create_query(columns=("name",), group_ids=[Command.link(self.env.ref("base.group_user").id)])
        as_colleague = query.with_user(self.colleague)
        self.assertEqual(self.Query.with_user(self.colleague).search([("id", "=", query.id)]), query)
        self.assertIn(self.lyon, as_colleague._search_matching())
        self.assertEqual(as_colleague.action_run()["views"][0][0], self.generated_list(query).id)
        as_colleague.action_refresh_preview()
        self.assertFalse(query.preview_user_id, "a member's count is not kept on the shared query")
        with self.assertRaises(AccessError):
            as_colleague.write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            as_colleague.write({"column_ids": [Command.create({"field_id": self.partner_fields["email"]})]})
        with self.assertRaises(AccessError):
            query.column_ids.with_user(self.colleague).unlink()

    def test_a_shared_query_never_shows_records_the_user_may_not_see(self):
        self.env["ir.rule"].create(
            {
                "name": "SQ test: no Belgian partners for restricted users",
                "model_id": self.partner_model.id,
                "domain_force": "[('country_id.code', '!=', 'BE')]",
                "groups": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        query = self.create_query(user=self.manager, group_ids=[Command.link(self.env.ref("base.group_user").id)])
        self.assertEqual(query.with_user(self.colleague)._search_matching(), self.lyon)
        action = query.with_user(self.colleague).action_run()
        self.assertEqual(self.env["res.partner"].with_user(self.colleague).search(action["domain"]), self.lyon)
        notification = query.with_user(self.colleague).action_refresh_preview()
        self.assertIn("for you: 1", notification["params"]["message"])

    def test_a_shared_lead_query_shows_a_salesman_only_the_leads_his_rules_allow(self):
        if "crm.lead" not in self.env:
            self.skipTest("crm is not installed")
        salesman = new_test_user(self.env, login="sq_salesman", groups="sales_team.group_sale_salesman")
        other = new_test_user(self.env, login="sq_other_salesman", groups="sales_team.group_sale_salesman")
        Lead = self.env["crm.lead"]
        own = Lead.create({"name": "SQ lead of the salesman", "type": "lead", "user_id": salesman.id})
        unassigned = Lead.create({"name": "SQ unassigned lead", "type": "lead", "user_id": False})
        foreign = Lead.create({"name": "SQ lead of another", "type": "lead", "user_id": other.id})
        query = self.Query.create(
            {
                "name": "SQ leads",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "domain": "[('name', 'like', 'SQ ')]",
                "group_ids": [Command.link(self.env.ref("sales_team.group_sale_salesman").id)],
            }
        )
        self.assertEqual(query._search_matching(), own | unassigned | foreign)
        matching = query.with_user(salesman)._search_matching()
        self.assertEqual(matching, own | unassigned)
        action = query.with_user(salesman).action_run()
        self.assertNotIn(foreign, self.env["crm.lead"].with_user(salesman).search(action["domain"]))

    def test_columns_and_parameters_of_a_private_query_are_hidden(self):
        query = self.create_query(
            columns=("name",), params=[{"name": "town", "label": "Town", "param_type": "text"}], domain="[]"
        )
        self.assertFalse(self.env["smart.query.column"].with_user(self.colleague).search([("query_id", "=", query.id)]))
        self.assertFalse(self.env["smart.query.param"].with_user(self.colleague).search([("query_id", "=", query.id)]))

    def test_a_member_duplicates_a_shared_query_to_own_and_change_the_copy(self):
        query = self.create_query(columns=("name",), group_ids=[Command.link(self.env.ref("base.group_user").id)])
        copy = query.with_user(self.colleague).copy()
        self.assertEqual(copy.user_id, self.colleague)
        self.assertEqual(copy.column_ids.field_name, "name")
        self.assertTrue(self.generated_list(copy))
        self.assertNotEqual(self.generated_list(copy), self.generated_list(query))
        copy.write({"name": "My partners"})

    def test_an_internal_user_picks_models_fields_and_choices(self):
        self.assertTrue(self.env["ir.model"].with_user(self.owner).name_search("Contact"))
        fields_of_partner = (
            self.env["ir.model.fields"]
            .with_user(self.owner)
            .search([("model_id", "=", self.partner_model.id), ("name", "=", "city")])
        )
        self.assertEqual(fields_of_partner.field_description, "City")
        self.assertTrue(self.env["ir.model.fields.selection"].with_user(self.owner).search_count([]))
