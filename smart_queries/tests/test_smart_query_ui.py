from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSmartQueryUi(HttpCase):
    def test_running_a_query_with_a_parameter_asks_its_value_and_lists_the_matches(self):
        # A plain internal user: the form reads models and fields, which Odoo keeps to admins.
        user = new_test_user(self.env, login="sq_tour_user", groups="base.group_user")
        Partner = self.env["res.partner"]
        Partner.create({"name": "SQ Tour Lyon", "city": "Lyon"})
        Partner.create({"name": "SQ Tour Paris", "city": "Paris"})
        partner_fields = self.env["ir.model.fields"]._get_ids("res.partner")
        query = self.env["smart.query"].create(
            {
                "name": "Contacts of a town",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain": "[('name', 'like', 'SQ Tour'), ('city', '=', params['town'])]",
                "param_ids": [
                    Command.create({"name": "town", "label": "Town", "param_type": "text", "required": True})
                ],
                "column_ids": [
                    Command.create({"sequence": 1, "field_id": partner_fields["name"]}),
                    Command.create({"sequence": 2, "field_id": partner_fields["city"]}),
                    Command.create({"sequence": 3, "field_id": partner_fields["country_id"]}),
                ],
                "user_id": user.id,
            }
        )
        self.start_tour(
            f"/odoo/action-smart_queries.smart_query_action/{query.id}",
            "smart_queries_run_with_parameter",
            login="sq_tour_user",
        )

    def test_a_value_asked_on_a_field_is_set_up_without_code_and_asked_in_one_column(self):
        new_test_user(self.env, login="sq_tour_nocode", groups="base.group_user")
        Partner = self.env["res.partner"]
        Partner.create({"name": "SQ Tour Lyon", "city": "Lyon"})
        Partner.create({"name": "SQ Tour Paris", "city": "Paris"})
        query = self.env["smart.query"].create(
            {
                "name": "Contacts of a city",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain": "[('name', 'like', 'SQ Tour')]",
                "user_id": self.env["res.users"].search([("login", "=", "sq_tour_nocode")]).id,
            }
        )
        self.start_tour(
            f"/odoo/action-smart_queries.smart_query_action/{query.id}",
            "smart_queries_value_asked_on_a_field",
            login="sq_tour_nocode",
        )
        self.assertEqual(query.param_ids.mapped("name"), ["city"])
        self.assertEqual(query.domain, "[('name', 'like', 'SQ Tour')]", "no code was written in the criteria")

    def test_a_member_of_a_shared_query_sees_it_read_only_and_duplicates_it(self):
        owner = new_test_user(self.env, login="sq_tour_owner", groups="base.group_user")
        member = new_test_user(self.env, login="sq_tour_member", groups="base.group_user")
        query = self.env["smart.query"].create(
            {
                "name": "Contacts of a town",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain": "[('city', '=', 'Lyon')]",
                "user_id": owner.id,
                "group_ids": [Command.link(self.env.ref("base.group_user").id)],
                "param_ids": [
                    Command.create(
                        {
                            "field_id": self.env["ir.model.fields"]._get("res.partner", "country_id").id,
                            "operator": "=",
                            "default_value": str(self.env.ref("base.fr").id),
                        }
                    )
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-smart_queries.smart_query_action/{query.id}",
            "smart_queries_shared_query_read_only",
            login="sq_tour_member",
        )
        copy = self.env["smart.query"].search([("user_id", "=", member.id)])
        self.assertEqual(copy.name, "My contacts of a town")
        self.assertEqual(query.name, "Contacts of a town")

    def test_a_trigger_s_tag_is_chosen_from_the_tags_field_and_its_tags(self):
        self.env["res.partner.category"].create({"name": "SQ Tour Prospect"})
        query = self.env["smart.query"].create(
            {
                "name": "SQ Tour companies",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain": "[('is_company', '=', True)]",
                "user_id": self.env.ref("base.user_admin").id,
            }
        )
        trigger = self.env["smart.query.trigger"].create({"name": "SQ Tour tag", "query_id": query.id})
        self.start_tour(
            f"/odoo/action-smart_queries.smart_query_trigger_action/{trigger.id}",
            "smart_queries_trigger_action_from_lists",
            login="admin",
        )
        self.assertEqual(trigger.action_ids.value_ref.name, "SQ Tour Prospect")
