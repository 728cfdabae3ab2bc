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
