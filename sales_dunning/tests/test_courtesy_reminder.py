from datetime import timedelta

from odoo.exceptions import ValidationError

from .common import SalesDunningCase


class TestCourtesyReminder(SalesDunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "sales_dunning_courtesy_days": 3,
                "sales_dunning_courtesy_template_id": cls.env.ref("sales_dunning.mail_template_courtesy_reminder").id,
            }
        )

    def courtesy_messages(self, invoice):
        """The messages the courtesy template wrote (its subject names the invoice)."""
        return invoice.message_ids.filtered(lambda m: m.message_type == "comment" and invoice.name in (m.subject or ""))

    def test_an_invoice_due_in_3_days_gets_the_courtesy_reminder_once(self):
        invoice = self.create_invoice(due_in_days=3)
        self.run_reminders()
        self.run_reminders(days_from_today=1)
        self.assertEqual(invoice.sales_dunning_courtesy_sent, self.today)
        message = self.courtesy_messages(invoice)
        self.assertEqual(len(message), 1)
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn(invoice, self.customer.sales_dunning_courtesy_invoice_ids)

    def test_an_invoice_due_later_waits_for_its_day(self):
        invoice = self.create_invoice(due_in_days=5)
        self.run_reminders()
        self.assertFalse(invoice.sales_dunning_courtesy_sent)
        self.run_reminders(days_from_today=2)
        self.assertTrue(invoice.sales_dunning_courtesy_sent)

    def test_a_paid_invoice_or_an_excluded_customer_gets_no_courtesy_reminder(self):
        paid = self.create_invoice(due_in_days=2)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=paid.ids).create(
            {}
        )._create_payments()
        self.other_customer.sales_dunning_excluded = True
        excluded = self.create_invoice(customer=self.other_customer, due_in_days=2)
        self.run_reminders()
        self.assertFalse(paid.sales_dunning_courtesy_sent)
        self.assertFalse(excluded.sales_dunning_courtesy_sent)

    def test_no_days_means_no_courtesy_reminder(self):
        self.company.sales_dunning_courtesy_days = 0
        invoice = self.create_invoice(due_in_days=1)
        self.run_reminders()
        self.assertFalse(invoice.sales_dunning_courtesy_sent)

    def test_the_courtesy_reminder_job_performed_twice_sends_once(self):
        invoice = self.create_invoice(due_in_days=3)
        self.run_reminders()
        self.assertFalse(invoice._job_sales_dunning_courtesy())
        self.assertEqual(len(self.courtesy_messages(invoice)), 1)

    def test_a_negative_courtesy_delay_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "0 or more"):
            self.company.sales_dunning_courtesy_days = -3

    def test_a_courtesy_template_of_another_model_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "template for invoices"):
            self.company.sales_dunning_courtesy_template_id = self.env.ref(
                "sales_dunning.mail_template_invoice_reminder"
            )

    def test_the_customer_form_shows_the_level_reached_and_the_next_reminder(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.assertEqual(self.customer.sales_dunning_next_date, invoice.invoice_date_due + timedelta(days=7))
        self.run_reminders()
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.sales_dunning_level_id, self.level_1)
        self.assertEqual(self.customer.sales_dunning_next_date, invoice.invoice_date_due + timedelta(days=15))
