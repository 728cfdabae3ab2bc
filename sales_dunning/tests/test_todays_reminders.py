from datetime import timedelta

from odoo.exceptions import AccessError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SalesDunningCase


class TestTodaysReminders(SalesDunningCase):
    def open_preview(self, user=None):
        Preview = self.env["sales.dunning.preview"].with_user(user or self.accountant)
        action = Preview.action_open_today()
        return self.env["sales.dunning.preview.line"].with_user(user or self.accountant).search(action["domain"])

    def test_it_shows_per_customer_and_level_what_tonights_run_would_send_and_makes_nothing(self):
        self.customer.user_id = self.salesperson
        first = self.create_invoice(due_in_days=-8) | self.create_invoice(due_in_days=-10, amount=100.0)
        self.create_invoice(customer=self.other_customer, due_in_days=-40)
        self.create_invoice(customer=self.other_customer, due_in_days=-1)
        lines = self.open_preview()
        mine = lines.filtered(lambda line: line.partner_id == self.customer)
        self.assertEqual(mine.level_id, self.level_1)
        self.assertEqual(mine.invoice_ids, first)
        self.assertEqual(mine.invoice_count, 2)
        self.assertAlmostEqual(mine.amount_due, 600.0)
        other = lines.filtered(lambda line: line.partner_id == self.other_customer)
        self.assertEqual(other.level_id, self.level_1, "the engine climbs one level a run")
        self.assertEqual(other.invoice_count, 1, "the invoice due yesterday waits for +7")
        self.assertFalse(self.env["credit.control.line"].search([("partner_id", "in", self.customer.ids)]))

        self.run_reminders()
        self.assertEqual(self.reminders_of(self.customer).credit_control_line_ids.invoice_id, mine.invoice_ids)

    def test_a_held_invoice_is_left_out(self):
        held = self.create_invoice(due_in_days=-8)
        held.with_user(self.accountant).sales_dunning_hold_until = self.today + timedelta(days=10)
        self.assertFalse(self.open_preview().filtered(lambda line: line.partner_id == self.customer))

    def test_the_courtesy_reminders_of_tonight_are_listed_without_level(self):
        self.company.sales_dunning_courtesy_template_id = self.env.ref("sales_dunning.mail_template_courtesy_reminder")
        soon = self.create_invoice(due_in_days=2)
        line = self.open_preview().filtered(lambda line: line.partner_id == self.customer)
        self.assertFalse(line.level_id)
        self.assertEqual(line.invoice_ids, soon)

    def test_send_reminder_on_an_invoice_reminds_its_customer_only(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.create_invoice(customer=self.other_customer, due_in_days=-8)
        with trap_jobs() as trap:
            invoice.with_user(self.accountant).action_sales_dunning_send_now()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.reminders_of(self.customer).policy_level_id, self.level_1)
        self.assertFalse(self.reminders_of(self.other_customer))
        self.assertFalse(self.open_preview().filtered(lambda line: line.partner_id == self.customer))

    def test_send_now_from_the_list_and_from_the_customer(self):
        self.create_invoice(due_in_days=-8)
        self.create_invoice(customer=self.other_customer, due_in_days=-8)
        line = self.open_preview().filtered(lambda line: line.partner_id == self.customer)
        with trap_jobs() as trap:
            line.action_send_now()
            self.other_customer.with_user(self.accountant).action_sales_dunning_send_now()
            trap.perform_enqueued_jobs()
        self.assertTrue(self.reminders_of(self.customer))
        self.assertTrue(self.reminders_of(self.other_customer))

    def test_a_salesperson_cannot_open_todays_reminders(self):
        with self.assertRaises(AccessError):
            self.open_preview(user=self.salesperson)
