from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQueryParams(SmartQueryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country_param = {
            "name": "country",
            "label": "Country",
            "param_type": "record",
            "record_model_id": cls.env["ir.model"]._get_id("res.country"),
            "required": True,
        }

    def create_country_query(self, **param_values):
        return self.create_query(
            domain="[('name', 'like', 'SQ '), ('country_id', '=', params['country'])]",
            params=[dict(self.country_param, **param_values)],
            columns=("name",),
        )

    def test_parameter_value_given_at_run_time_selects_the_records(self):
        query = self.create_country_query()
        matching = query.with_user(self.owner)._search_matching({"country": self.belgium.id})
        self.assertEqual(matching, self.brussels)

    def test_required_parameter_without_value_nor_default_is_refused_naming_it(self):
        query = self.create_country_query()
        with self.assertRaisesRegex(UserError, "parameter Country"):
            query.with_user(self.owner)._get_domain()

    def test_counting_needs_a_default_for_each_required_parameter(self):
        query = self.create_country_query()
        with self.assertRaisesRegex(UserError, "give its parameter Country a default value"):
            query.with_user(self.owner).action_refresh_preview()
        query.param_ids.default_value = str(self.france.id)
        query.with_user(self.owner).action_refresh_preview()
        self.assertEqual(query.preview_count, 1)

    def test_default_value_is_used_when_no_value_is_given(self):
        query = self.create_country_query(default_value=str(self.france.id))
        self.assertEqual(query.with_user(self.owner)._search_matching(), self.lyon)
        self.assertEqual(query._get_domain()[1], ("country_id", "=", self.france.id))

    def test_optional_parameter_without_value_compares_with_nothing(self):
        query = self.create_country_query(required=False)
        self.assertEqual(query._get_domain()[1], ("country_id", "=", False))

    def test_values_are_typed(self):
        query = self.create_query(
            domain="[('name', 'like', params['text']), ('color', '>=', params['amount']), "
            "('create_date', '>=', params['since']), ('type', '=', params['kind'])]",
            params=[
                {"name": "text", "label": "Text", "param_type": "text"},
                {"name": "amount", "label": "Amount", "param_type": "number"},
                {"name": "since", "label": "Since", "param_type": "date"},
                {
                    "name": "kind",
                    "label": "Kind",
                    "param_type": "selection",
                    "selection_field_id": self.env["ir.model.fields"]._get("res.partner", "type").id,
                },
            ],
        )
        domain = query._get_domain({"text": 12, "amount": "2.5", "since": "2025-03-01", "kind": "invoice"})
        self.assertEqual([value for _field, _op, value in domain], ["12", 2.5, "2025-03-01", "invoice"])
        self.assertEqual(query._get_domain({"amount": "3"})[1][2], 3)
        with self.assertRaisesRegex(UserError, "Amount, which expects a number"):
            query._get_domain({"amount": "a lot"})
        with self.assertRaisesRegex(UserError, "Since, which expects a date"):
            query._get_domain({"since": "someday"})
        with self.assertRaisesRegex(UserError, "Kind, which expects a selection"):
            query._get_domain({"kind": "castle"})

    def test_zero_is_a_value_of_a_number_parameter(self):
        query = self.create_query(
            domain="[('name', 'like', 'SQ '), ('color', '=', params['color'])]",
            params=[
                {"name": "color", "label": "Color", "param_type": "number", "required": True, "default_value": "4"}
            ],
        )
        self.assertEqual(query._get_domain({"color": 0})[1], ("color", "=", 0))
        self.assertEqual(query._get_domain({"color": 0.0})[1], ("color", "=", 0))
        query.param_ids.default_value = "0"
        self.assertEqual(query._get_domain()[1], ("color", "=", 0))

    def test_relative_date_default(self):
        query = self.create_query(
            domain="[('create_date', '>=', params['since'])]",
            params=[{"name": "since", "label": "Since", "param_type": "date", "default_value": "today -7d"}],
        )
        self.assertRegex(query._get_domain()[0][2], r"^\d{4}-\d{2}-\d{2}$")

    def test_unknown_parameter_in_the_criteria_is_refused_naming_it(self):
        with self.assertRaisesRegex(ValidationError, "parameter town, which the query does not declare"):
            self.create_query(domain="[('city', '=', params['town'])]")

    def test_parameter_name_must_be_an_identifier(self):
        with self.assertRaisesRegex(ValidationError, "parameter name my country is not valid"):
            self.create_query(params=[dict(self.country_param, name="my country")], domain="[]")

    def test_default_value_of_the_wrong_type_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "expects a number"):
            self.create_query(params=[{"name": "n", "label": "N", "param_type": "number", "default_value": "ten"}])

    def test_parameter_used_with_a_fitting_field_only(self):
        with self.assertRaisesRegex(ValidationError, "compare is_company with the operator like"):
            self.create_query(
                domain="[('is_company', 'like', params['text'])]",
                params=[{"name": "text", "label": "Text", "param_type": "text"}],
            )

    def test_running_a_query_with_parameters_asks_their_values(self):
        query = self.create_country_query(default_value=str(self.france.id))
        action = query.with_user(self.owner).action_run()
        self.assertEqual(action["res_model"], "smart.query.launch")
        self.assertEqual(action["target"], "new")
        Run = self.env["smart.query.launch"].with_user(self.owner).with_context(action["context"])
        run = Run.create(Run.default_get(["query_id", "line_ids"]))
        self.assertEqual(run.line_ids.label, "Country")
        self.assertEqual(run.line_ids.value_record, self.france.id, "the default value is offered")
        run.line_ids.value_record = self.belgium.id
        result = run.action_run()
        self.assertEqual(result["res_model"], "res.partner")
        self.assertEqual(self.env["res.partner"].with_user(self.owner).search(result["domain"]), self.brussels)

    def test_run_dialog_refuses_an_empty_required_value(self):
        query = self.create_country_query()
        run = self.env["smart.query.launch"].with_user(self.owner).create({"query_id": query.id})
        with self.assertRaisesRegex(UserError, "parameter Country"):
            run.action_run()
