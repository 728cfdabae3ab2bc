from odoo.exceptions import ValidationError

from .common import SalesDunningCase


class TestReminderLevels(SalesDunningCase):
    def test_the_shipped_policy_has_three_levels_after_the_due_date(self):
        self.assertEqual(self.company.credit_policy_id, self.policy)
        self.assertEqual(self.policy.level_ids.mapped("delay_days"), [7, 15, 30])
        self.assertFalse(self.level_1.sales_dunning_attach_invoices)
        self.assertTrue(self.level_2.sales_dunning_attach_invoices)
        self.assertTrue(self.level_3.sales_dunning_print_letter)
        self.assertTrue(self.level_3.sales_dunning_create_activity)
        self.assertIn("40", self.level_3.sales_dunning_legal_text)

    def test_two_levels_with_the_same_delay_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "same delay"):
            self.level_2.delay_days = 7

    def test_a_template_of_another_model_is_refused(self):
        template = self.env["mail.template"].create(
            {"name": "Order confirmation", "model_id": self.env.ref("sale.model_sale_order").id}
        )
        with self.assertRaisesRegex(ValidationError, "Credit Control Communications"):
            self.level_1.email_template_id = template

    def test_a_negative_minimum_amount_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.level_1.sales_dunning_min_amount = -1

    def test_an_activity_for_a_named_user_needs_the_user(self):
        with self.assertRaisesRegex(ValidationError, "choose the user"):
            self.level_1.write({"sales_dunning_create_activity": True, "sales_dunning_activity_assignee": "user"})

    def test_an_invoice_below_the_minimum_amount_waits(self):
        self.level_1.sales_dunning_min_amount = 200.0
        small = self.create_invoice(due_in_days=-8, amount=150.0)
        large = self.create_invoice(customer=self.other_customer, due_in_days=-8, amount=250.0)
        self.run_reminders()
        self.assertFalse(small.sales_dunning_level_id)
        self.assertEqual(large.sales_dunning_level_id, self.level_1)

    def test_settings_turn_reminders_on_with_the_shipped_policy(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["sales_dunning"], ["fr_FR"])
        company = self.env["res.company"].create({"name": "Filiale Lyon", "country_id": self.env.ref("base.fr").id})
        self.env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
        settings = self.env["res.config.settings"].with_company(company).create({"sales_dunning_reminders": True})
        settings.execute()
        self.assertTrue(company.sales_dunning_reminders)
        self.assertEqual(company.credit_policy_id.company_id, company)
        self.assertEqual(len(company.credit_policy_id.level_ids), 3)
        self.assertTrue(company.credit_policy_id.account_ids)
        self.assertEqual(company.credit_policy_id.account_ids.company_ids, company)
        first = company.credit_policy_id.level_ids.sorted("level")[0]
        self.assertEqual(first.with_context(lang="fr_FR").name, "Première relance", "French by default")
        self.assertIn("40 euros", first.with_context(lang="fr_FR").sales_dunning_legal_text)
