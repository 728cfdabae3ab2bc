import logging

import psycopg2
from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

_logger = logging.getLogger(__name__)

PAID_STATES = ("in_payment", "paid", "reversed")


class CreditControlCommunication(models.Model):
    """One reminder: a customer, a level, its invoices; sent by a queue_job job of its own."""

    _inherit = "credit.control.communication"

    sales_dunning_state = fields.Selection(
        selection=[
            ("to_send", "To Send"),
            ("sent", "Sent"),
            ("skipped", "Nothing Left to Remind"),
            ("error", "Error"),
        ],
        string="Reminder Status",
        default="to_send",
        readonly=True,
        copy=False,
    )
    sales_dunning_error = fields.Text(string="Reminder Error", readonly=True, copy=False)
    sales_dunning_date_sent = fields.Date(string="Sent On", readonly=True, copy=False)
    sales_dunning_level = fields.Integer(related="policy_level_id.level", string="Level Number")

    @api.model
    def _onchange_partner_id(self):
        """The customer's reminder contact, when set, receives its reminders."""
        res = super()._onchange_partner_id()
        for communication in self:
            contact = communication.partner_id.commercial_partner_id.sales_dunning_contact_id
            if contact:
                communication.contact_address_id = contact
        return res

    @api.model
    def _sales_dunning_create_from_lines(self, lines):
        """One communication per customer, level, currency and company of `lines`, as the
        engine's `_generate_comm_from_credit_lines` makes them, the lines grouped in one read
        rather than searched customer by customer, and the contact set at creation rather
        than by the engine's `_onchange_partner_id`, which searches each customer's contacts."""
        groups = self.env["credit.control.line"]._read_group(
            [("id", "in", lines.ids)],
            ["partner_id", "policy_level_id", "currency_id", "company_id"],
            ["id:recordset"],
        )
        groups.sort(key=lambda group: (group[1].level, group[2].id))
        return self.create(
            [
                {
                    "partner_id": partner.id,
                    "policy_level_id": level.id,
                    "currency_id": currency.id,
                    "company_id": company.id,
                    "credit_control_line_ids": [Command.set(group_lines.ids)],
                    "contact_address_id": partner._sales_dunning_reminder_contact().id,
                }
                for partner, level, currency, company, group_lines in groups
            ]
        )

    def _send_mails(self):
        """The engine's hook for sending: one queue_job job per communication."""
        for communication in self:
            communication.with_delay(
                identity_key=f"sales_dunning_send:{communication.id}",
                description=self.env._(
                    "Reminder “%(level)s” to %(customer)s",
                    level=communication.policy_level_id.name,
                    customer=communication.partner_id.display_name,
                ),
            )._job_sales_dunning_send()

    def _job_sales_dunning_send(self):
        """Send one reminder, once: the communication is claimed in the transaction that
        sends it; a second job waits for the first and then finds nothing to do."""
        self.ensure_one()
        try:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM credit_control_communication WHERE id = %s FOR UPDATE NOWAIT",
                    self.id,
                )
            )
        except psycopg2.errors.LockNotAvailable as error:
            raise RetryableJobError("Another job is sending this reminder", seconds=10) from error
        self.invalidate_recordset(["sales_dunning_state"])
        if self.sales_dunning_state != "to_send":
            return False
        lines = self.credit_control_line_ids.filtered(lambda line: line.state == "queued")
        # Searched rather than filtered: reading the journal items would load all their
        # columns for one flag each.
        paid = lines.search(
            [
                ("id", "in", lines.ids),
                "|",
                ("invoice_id.payment_state", "in", PAID_STATES),
                ("move_line_id.reconciled", "=", True),
            ]
        )
        # Out of the reminder as well, so that neither its e-mail nor its total names them.
        paid.write({"state": "ignored", "communication_id": False})
        lines -= paid
        if not lines:
            self.sales_dunning_state = "skipped"
            return False
        try:
            with self.env.cr.savepoint():
                self._sales_dunning_deliver(lines)
        except RetryableJobError:
            raise
        except Exception as error:  # noqa: BLE001 - one customer's failure never stops the others
            _logger.warning("Reminder %s not sent: %s", self.id, error)
            lines.write({"state": "error"})
            self.write({"sales_dunning_state": "error", "sales_dunning_error": str(error)})
            self.message_post(
                body=self.env._("The reminder could not be sent: %s", error),
            )
            return False
        self.write({"sales_dunning_state": "sent", "sales_dunning_date_sent": fields.Date.context_today(self)})
        return True

    def _sales_dunning_deliver(self, lines):
        """What the level does: its e-mail (with the invoices' PDF), its letter, its
        activity. E-mail lines are marked sent by the engine once the mail leaves."""
        self.ensure_one()
        level = self.policy_level_id
        attachments = self.env["ir.attachment"]
        if level.sales_dunning_attach_invoices:
            attachments |= self._sales_dunning_invoice_attachments(lines.invoice_id)
        if level.sales_dunning_print_letter or "letter" in lines.mapped("channel"):
            attachments |= self._sales_dunning_letter_attachment()
        email_lines = lines.filtered(lambda line: line.channel == "email")
        if email_lines:
            self._sales_dunning_queue_email(level.email_template_id, attachments)
        else:
            self.message_post(
                body=self.env._("Reminder “%s” ready: letter or call.", level.name),
                attachment_ids=attachments.ids,
            )
        (lines - email_lines).write({"state": "sent", "date_sent": fields.Date.context_today(self)})
        email_lines.write({"date_sent": fields.Date.context_today(self)})
        if level.sales_dunning_create_activity or "phone" in lines.mapped("channel"):
            self._sales_dunning_plan_activity()

    def _sales_dunning_queue_email(self, template, attachments):
        """Queue the level's e-mail to the reminder contact, in its language, with
        ``mail.template.send_mail``: the outgoing e-mail is kept in the reminder's chatter under
        the engine's subtype, which marks the lines sent once it leaves. Posted as a chatter
        message, it went through the chatter's notifications as well, which cost as much again
        as the rendering itself."""
        self.ensure_one()
        template.with_context(sales_dunning_reminder_sending=True).send_mail(
            self.id,
            email_values={
                # The template's own attachments, which these values replace, and the level's.
                "attachment_ids": [Command.link(attachment.id) for attachment in template.attachment_ids | attachments],
                "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("account_credit_control.mt_request"),
            },
        )

    def _sales_dunning_invoice_attachments(self, invoices):
        report = self.env.ref("account.account_invoices")
        attachments = self.env["ir.attachment"]
        for invoice in invoices:
            content, _format = self.env["ir.actions.report"]._render_qweb_pdf(report, invoice.ids)
            attachments |= attachments.create(
                {
                    "name": f"{invoice._get_report_base_filename()}.pdf",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        return attachments

    def _sales_dunning_letter_attachment(self):
        report = self.env.ref("sales_dunning.action_report_formal_notice")
        content, _format = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        return self.env["ir.attachment"].create(
            {
                "name": self.env._("Formal notice %s.pdf", self.partner_id.display_name),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )

    def _sales_dunning_plan_activity(self):
        level = self.policy_level_id
        customer = self.partner_id.commercial_partner_id
        activity_type = level.sales_dunning_activity_type_id or self.env.ref("mail.mail_activity_data_call")
        customer.activity_schedule(
            activity_type_id=activity_type.id,
            summary=self.env._("Reminder “%s”: call the customer", level.name),
            user_id=level._sales_dunning_activity_user(self).id,
            note=self.env._(
                "%(count)s invoice(s), %(amount)s due.",
                count=len(self.credit_control_line_ids),
                amount=self.total_due,
            ),
        )
