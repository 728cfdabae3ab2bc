from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQuery(SmartQueryCase):
    def list_columns(self, query):
        view = self.Query.browse(query.id).list_view_id
        return [node.get("name") for node in etree.fromstring(view.arch).iter("field")]

    def test_run_opens_the_matching_records_in_the_generated_list(self):
        query = self.create_query(
            columns=("name", "city", "country_id"), domain="[('country_id', '=', %d)]" % self.france.id
        )
        action = query.with_user(self.owner).action_run()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["views"][0], (self.generated_list(query).id, "list"))
        self.assertIn((False, "form"), action["views"])
        self.assertIn((False, "kanban"), action["views"])
        records = self.env["res.partner"].with_user(self.owner).search(action["domain"])
        self.assertIn(self.lyon, records)
        self.assertNotIn(self.brussels, records)

    def test_generated_list_shows_exactly_the_columns_in_their_order(self):
        query = self.create_query(columns=("name", "city", "country_id"))
        view = self.generated_list(query)
        self.assertEqual(view.model, "res.partner")
        self.assertEqual(self.list_columns(query), ["name", "city", "country_id"])
        self.assertGreater(view.priority, 16, "the generated list must not become the partners' default list")

    def test_changing_columns_rewrites_the_generated_list(self):
        query = self.create_query(columns=("name", "city", "country_id"))
        query.column_ids.filtered(lambda c: c.field_name == "city").with_user(self.owner).unlink()
        self.assertEqual(self.list_columns(query), ["name", "country_id"])
        query.with_user(self.owner).write(
            {"column_ids": [Command.create({"sequence": -1, "field_id": self.partner_fields["email"]})]}
        )
        self.assertEqual(self.list_columns(query), ["email", "name", "country_id"])

    def test_sort_goes_into_the_generated_list(self):
        query = self.create_query(columns=("name",))
        query.with_user(self.owner).write(
            {"order_field_id": self.partner_fields["create_date"], "order_direction": "desc"}
        )
        arch = etree.fromstring(self.generated_list(query).arch)
        self.assertEqual(arch.get("default_order"), "create_date desc")

    def test_removing_every_column_or_the_query_drops_the_generated_list(self):
        query = self.create_query(columns=("name",))
        view = self.generated_list(query)
        query.with_user(self.owner).write({"column_ids": [Command.clear()]})
        self.assertFalse(view.exists())
        query.with_user(self.owner).write({"column_ids": [Command.create({"field_id": self.partner_fields["name"]})]})
        view = self.generated_list(query)
        self.assertTrue(view)
        query.with_user(self.owner).unlink()
        self.assertFalse(view.exists())

    def test_column_of_another_model_is_refused(self):
        query = self.create_query()
        country_name = self.env["ir.model.fields"]._get("res.country", "name")
        with self.assertRaisesRegex(ValidationError, "is not a field of"):
            query.with_user(self.owner).write({"column_ids": [Command.create({"field_id": country_name.id})]})

    def test_unknown_field_is_refused_naming_it(self):
        with self.assertRaisesRegex(ValidationError, "field x_shoe_size, which does not exist"):
            self.create_query(domain="[('x_shoe_size', '=', 42)]")
        with self.assertRaisesRegex(ValidationError, r"country_id\.x_shoe_size"):
            self.create_query(domain="[('country_id.x_shoe_size', '=', 42)]")

    def test_unknown_operator_is_refused_naming_it(self):
        with self.assertRaisesRegex(ValidationError, "operator resembles on name"):
            self.create_query(domain="[('name', 'resembles', 'SQ')]")

    def test_operator_not_fitting_the_field_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "compare name with the operator child_of"):
            self.create_query(domain="[('name', 'child_of', 1)]")
        with self.assertRaisesRegex(ValidationError, "compare is_company with the operator like"):
            self.create_query(domain="[('is_company', 'like', 'yes')]")

    def test_criteria_accept_or_groups_several_values_and_relative_dates(self):
        query = self.create_query(
            domain="['|', ('country_id', 'in', [%d, %d]), ('city', '=', 'Lyon'), ('create_date', '>=', 'today -7d')]"
            % (self.france.id, self.belgium.id)
        )
        matching = query.with_user(self.owner)._search_matching()
        self.assertIn(self.lyon, matching)
        self.assertIn(self.brussels, matching)

    def test_model_the_user_cannot_read_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "You may not read"):
            self.create_query(model_id=self.env["ir.model"]._get_id("ir.config_parameter"), domain="[]")

    def test_transient_model_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "keeps no records"):
            self.create_query(model_id=self.env["ir.model"]._get_id("smart.query.launch"), domain="[]")

    def test_preview_counts_the_matching_records(self):
        query = self.create_query(domain="[('name', 'like', 'SQ '), ('is_company', '=', True)]")
        query.with_user(self.owner).action_refresh_preview()
        self.assertEqual(query.preview_count, 2)
        self.assertEqual(query.preview_user_id, self.owner)
        self.lyon.active = False
        query.with_user(self.owner).action_refresh_preview()
        self.assertEqual(query.preview_count, 1)

    def test_query_of_an_uninstalled_model_is_archived_with_a_note(self):
        machine_model = self.env["ir.model"].create(
            {
                "name": "SQ Machine",
                "model": "x_sq_machine",
                "field_id": [Command.create({"name": "x_name", "ttype": "char", "field_description": "Name"})],
            }
        )
        self.env["ir.model.access"].create(
            {
                "name": "x_sq_machine",
                "model_id": machine_model.id,
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
            }
        )
        name_field = machine_model.field_id.filtered(lambda f: f.name == "x_name")
        query = self.Query.create(
            {
                "name": "Machines",
                "model_id": machine_model.id,
                "domain": "[('x_name', '!=', False)]",
                "column_ids": [Command.create({"field_id": name_field.id})],
            }
        )
        view = self.generated_list(query)
        self.assertTrue(view)
        template = self.env["mail.template"].create({"name": "SQ machine mail", "model_id": machine_model.id})
        trigger = self.env["smart.query.trigger"].create(
            {
                "name": "SQ machines",
                "query_id": query.id,
                "action_ids": [Command.create({"kind": "mail", "template_id": template.id})],
            }
        )
        machine_model.unlink()
        self.assertFalse(template.exists(), "the model's templates go with it, whatever triggers use them")
        with self.assertRaisesRegex(UserError, "is archived: restore it"):
            trigger.action_run_now()
        self.assertFalse(query.active)
        self.assertFalse(query.model_id)
        self.assertFalse(view.exists())
        self.assertIn("x_sq_machine was uninstalled", query.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "no longer installed"):
            query.action_run()

    def test_criteria_cannot_reach_records_to_call_their_methods(self):
        with self.assertRaisesRegex(
            ValidationError, "only values, fields, relative dates and parameters, not user.sudo"
        ):
            # A record in the criteria would let any user call sudo() and write with it.
            self.create_query(domain="[('id', '=', user.sudo().id)]")

    def test_form_builds_a_query_and_changing_the_model_clears_its_columns(self):
        form = Form(self.Query.with_user(self.owner))
        form.name = "Partners in Lyon"
        form.model_id = self.partner_model
        form.domain = "[('city', '=', 'Lyon')]"
        with form.column_ids.new() as column:
            column.field_id = self.env["ir.model.fields"].browse(self.partner_fields["name"])
        form.model_id = self.env["ir.model"]._get("res.country")
        self.assertEqual(len(form.column_ids), 0)
        self.assertEqual(form.domain, "[]")
        form.model_id = self.partner_model
        form.domain = "[('city', '=', 'Lyon')]"
        with form.column_ids.new() as column:
            column.field_id = self.env["ir.model.fields"].browse(self.partner_fields["city"])
        query = form.save()
        self.assertEqual(query.user_id, self.owner)
        self.assertIn(self.lyon, query.with_user(self.owner)._search_matching())
        self.assertEqual(self.list_columns(query), ["city"])
