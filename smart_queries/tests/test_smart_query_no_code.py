"""Issue 13: a query and its triggers set up from lists and widgets, without code."""

from datetime import datetime, time

import pytz

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command, Date
from odoo.tests import Form, tagged

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQueryValuesAskedOnAField(SmartQueryCase):
    def field(self, name):
        return self.env["ir.model.fields"].browse(self.partner_fields[name])

    def test_a_value_asked_on_a_field_adds_its_condition_when_the_query_runs(self):
        query = self.create_query(
            params=[{"field_id": self.partner_fields["city"], "operator": "=", "required": True}],
        )
        self.assertEqual(query.domain, "[('name', 'like', 'SQ ')]", "no code in the criteria")
        self.assertEqual(
            (query.param_ids.name, query.param_ids.label, query.param_ids.param_type), ("city", "City", "text")
        )
        self.assertEqual(query.with_user(self.owner)._search_matching({"city": "Lyon"}), self.lyon)

    def test_an_optional_value_left_empty_does_not_filter(self):
        query = self.create_query(params=[{"field_id": self.partner_fields["city"], "operator": "="}])
        self.assertEqual(query.with_user(self.owner)._search_matching(), self.lyon | self.brussels)

    def test_the_value_asked_fits_the_field(self):
        expected = {
            "country_id": ("record", self.env["ir.model"]._get("res.country"), self.env["ir.model.fields"]),
            "category_id": ("record", self.env["ir.model"]._get("res.partner.category"), self.env["ir.model.fields"]),
            "type": ("selection", self.env["ir.model"], self.field("type")),
            "create_date": ("date", self.env["ir.model"], self.env["ir.model.fields"]),
            "color": ("number", self.env["ir.model"], self.env["ir.model.fields"]),
            "email": ("text", self.env["ir.model"], self.env["ir.model.fields"]),
        }
        query = self.create_query(
            params=[{"field_id": self.partner_fields[name], "operator": "="} for name in expected],
        )
        for param in query.param_ids:
            with self.subTest(field=param.field_id.name):
                self.assertEqual(
                    (param.param_type, param.record_model_id, param.selection_field_id), expected[param.field_id.name]
                )

    def test_each_type_of_value_selects_the_records(self):
        self.lyon.color = 3
        query = self.create_query(
            params=[
                {"field_id": self.partner_fields["country_id"], "operator": "="},
                {"field_id": self.partner_fields["color"], "operator": ">="},
                {"field_id": self.partner_fields["create_date"], "operator": ">="},
                {"field_id": self.partner_fields["name"], "operator": "ilike"},
            ],
        )
        search = query.with_user(self.owner)._search_matching
        self.assertEqual(search({"country_id": self.belgium.id}), self.brussels)
        self.assertEqual(search({"color": 2}), self.lyon)
        self.assertEqual(search({"create_date": "2000-01-01", "name": "bakery"}), self.lyon)

    def test_two_values_asked_on_one_field_get_their_own_names(self):
        query = self.create_query(
            params=[
                {"field_id": self.partner_fields["create_date"], "operator": ">=", "label": "Since"},
                {"field_id": self.partner_fields["create_date"], "operator": "<", "label": "Before"},
            ],
        )
        self.assertEqual(query.param_ids.mapped("name"), ["create_date", "create_date_2"])

    def test_an_operator_that_does_not_fit_the_field_is_refused(self):
        with self.assertRaisesRegex(ValidationError, 'cannot compare its field with "contains"'):
            self.create_query(params=[{"field_id": self.partner_fields["country_id"], "operator": "ilike"}])

    def test_a_field_of_another_model_is_refused(self):
        country_name = self.env["ir.model.fields"]._get("res.country", "name")
        with self.assertRaisesRegex(ValidationError, "not a field of the query's model"):
            self.create_query(params=[{"field_id": country_name.id, "operator": "="}])

    def test_the_form_asks_a_field_and_an_operator_then_the_run_dialog_asks_the_question(self):
        form = Form(self.Query.with_user(self.owner))
        form.name = "SQ by city"
        form.model_id = self.partner_model
        form.domain = "[('name', 'like', 'SQ ')]"
        with form.param_ids.new() as param:
            param.field_id = self.field("city")
            self.assertEqual((param.operator, param.label, param.param_type), ("ilike", "City", "text"))
            param.operator = "="
            param.required = True
        query = form.save()
        action = query.with_user(self.owner).action_run()
        Launch = self.env["smart.query.launch"].with_user(self.owner).with_context(action["context"])
        launch = Launch.create(Launch.default_get(["query_id", "line_ids"]))
        self.assertEqual(launch.line_ids.question, "City?")
        launch.line_ids.value_text = "Lyon"
        records = self.env["res.partner"].with_user(self.owner).search(launch.action_run()["domain"])
        self.assertEqual(records, self.lyon)

    def test_changing_the_model_drops_the_values_asked_on_its_fields(self):
        form = Form(self.Query.with_user(self.owner))
        form.name = "SQ by city"
        form.model_id = self.partner_model
        with form.param_ids.new() as param:
            param.field_id = self.field("city")
        with form.param_ids.new() as param:
            param.label = "Free text"
        form.model_id = self.env["ir.model"]._get("res.country")
        self.assertEqual(len(form.param_ids), 1)
        self.assertEqual(form.param_ids.edit(0).name, "free_text", "named after its question")


@tagged("post_install", "-at_install")
class TestSmartQueryCriteriaEditorDates(SmartQueryCase):
    def test_the_editor_s_datetime_criteria_are_evaluated_in_the_user_s_time_zone(self):
        # What Odoo's criteria editor writes for "Created on: last 7 days" on a date-and-time field.
        self.owner.tz = "Europe/Paris"
        query = self.create_query(
            domain="[('name', 'like', 'SQ '), ('create_date', '>=', datetime.datetime.combine(context_today() + "
            "relativedelta(days=-7), datetime.time(0, 0, 0)).to_utc().strftime('%Y-%m-%d %H:%M:%S'))]"
        )
        domain = query.with_user(self.owner)._get_domain()
        paris = pytz.timezone("Europe/Paris")
        today = Date.context_today(query.with_user(self.owner))
        midnight = paris.localize(datetime.combine(Date.add(today, days=-7), time(0, 0)))
        expected = midnight.astimezone(pytz.utc).strftime("%Y-%m-%d %H:%M:%S")
        self.assertEqual(domain[1], ("create_date", ">=", expected))
        self.assertEqual(query.with_user(self.owner)._search_matching(), self.lyon | self.brussels)

    def test_to_utc_is_a_date_method_only(self):
        with self.assertRaisesRegex(ValidationError, "cannot be read"):
            self.create_query(domain="[('name', '=', 'x'.to_utc())]")


@tagged("post_install", "-at_install")
class TestSmartQuerySharedReadOnly(SmartQueryCase):
    def test_a_member_sees_a_shared_query_read_only_and_its_owner_may_change_it(self):
        query = self.create_query(group_ids=[Command.link(self.env.ref("base.group_user").id)])
        self.assertTrue(query.with_user(self.owner).can_edit)
        self.assertTrue(query.with_user(self.manager).can_edit)
        self.assertFalse(query.with_user(self.colleague).can_edit)
        with self.assertRaises(AccessError):
            query.with_user(self.colleague).name = "SQ mine now"

    def test_a_member_duplicates_a_shared_query_to_adapt_it(self):
        query = self.create_query(
            group_ids=[Command.link(self.env.ref("base.group_user").id)],
            columns=("name", "city"),
            params=[{"field_id": self.partner_fields["city"], "operator": "="}],
        )
        action = query.with_user(self.colleague).action_duplicate_to_adapt()
        copy = self.Query.browse(action["res_id"]).with_user(self.colleague)
        self.assertEqual(copy.user_id, self.colleague)
        self.assertFalse(copy.group_ids, "the copy is shared with nobody until its owner says so")
        self.assertEqual(copy.param_ids.field_id, self.env["ir.model.fields"].browse(self.partner_fields["city"]))
        self.assertEqual(copy.column_ids.field_id.mapped("name"), ["name", "city"])
        self.assertTrue(copy.can_edit)
        copy.domain = "[('is_company', '=', True)]"
        self.assertEqual(query.domain, "[('name', 'like', 'SQ ')]", "the shared query is left as it was")
