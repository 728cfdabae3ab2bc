from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The shipped levels: days after the due date, what each does beside its e-mail.
DEFAULT_LEVELS = (
    (1, 7, "email", {}),
    (2, 15, "email", {"sales_dunning_attach_invoices": True}),
    (
        3,
        30,
        "email",
        {
            "sales_dunning_attach_invoices": True,
            "sales_dunning_print_letter": True,
            "sales_dunning_create_activity": True,
            "sales_dunning_activity_assignee": "salesperson",
        },
    ),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_dunning_reminders = fields.Boolean(
        string="Invoice Reminders",
        help="The nightly job sends the reminders of the company's reminder policy.",
    )

    sales_dunning_courtesy_days = fields.Integer(
        string="Courtesy Reminder Days",
        default=3,
        help="A courtesy reminder is sent this many days before the due date (0: none).",
    )
    sales_dunning_courtesy_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Courtesy Reminder Template",
        domain=[("model", "=", "account.move")],
        default=lambda self: self.env.ref("sales_dunning.mail_template_courtesy_reminder", raise_if_not_found=False),
        groups="base.group_system",
    )

    sales_dunning_quote_followup = fields.Boolean(
        string="Quote Follow-up",
        help="Follow up the quotations sent and not answered, step by step.",
    )
    sales_dunning_quote_followup_mode = fields.Selection(
        selection=[
            ("automatic", "Automatic: the scheduled job sends it"),
            ("delegated", "Delegated: a Follow up now button on the quotation and its opportunity"),
        ],
        string="Follow-up Mode",
        default="automatic",
    )
    sales_dunning_quote_step_ids = fields.One2many("sales.dunning.quote.step", "company_id", string="Follow-up Steps")

    @api.constrains("sales_dunning_courtesy_days", "sales_dunning_courtesy_template_id")
    def _check_sales_dunning_courtesy(self):
        for company in self:
            if company.sales_dunning_courtesy_days < 0:
                raise ValidationError(
                    self.env._("The courtesy reminder is sent before the due date: give a number of days of 0 or more.")
                )
            template = company.sudo().sales_dunning_courtesy_template_id  # the field is for administrators only
            if template and template.model != "account.move":
                raise ValidationError(
                    self.env._(
                        "The courtesy reminder template “%s” must be a template for invoices (Journal Entry).",
                        template.name,
                    )
                )

    def _sales_dunning_level_texts(self):
        """{level: (name, late payment wording)} of the shipped levels, in the env's language."""
        legal = self.env._(
            "<p>In accordance with article L441-10 of the French Commercial Code, any late payment "
            "gives rise to late payment penalties at three times the legal interest rate, and to a "
            "fixed indemnity of 40 euros for recovery costs.</p>"
        )
        return {
            1: (self.env._("First reminder"), legal),
            2: (self.env._("Second reminder"), legal),
            3: (self.env._("Formal notice"), legal),
        }

    def _sales_dunning_create_default_policy(self):
        """The company's reminder policy as shipped: three levels on its receivable accounts,
        their texts in English and in every active language (French by default: the policy's
        name is in the company's language, French when it has none)."""
        policies = self.env["credit.control.policy"]
        template = self.env.ref("sales_dunning.mail_template_invoice_reminder")
        call = self.env.ref("mail.mail_activity_data_call")
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        texts = self.with_context(lang="en_US")._sales_dunning_level_texts()
        translated = {lang: self.with_context(lang=lang)._sales_dunning_level_texts() for lang in langs}
        for company in self:
            lang = (
                company.partner_id.lang
                if company.partner_id.lang in langs
                else ("fr_FR" if "fr_FR" in langs else "en_US")
            )
            accounts = self.env["account.account"].search(
                [
                    *self.env["account.account"]._check_company_domain(company),
                    ("account_type", "=", "asset_receivable"),
                ]
            )
            levels = [
                {
                    "name": texts[level][0],
                    "level": level,
                    "computation_mode": "net_days",
                    "delay_days": days,
                    "channel": channel,
                    "email_template_id": template.id,
                    "custom_text": texts[level][0],
                    "custom_mail_text": texts[level][0],
                    "sales_dunning_activity_type_id": call.id,
                    "sales_dunning_legal_text": texts[level][1],
                    **extra,
                }
                for level, days, channel, extra in DEFAULT_LEVELS
            ]
            policy = policies.with_context(lang="en_US").create(
                {
                    "name": self.with_context(lang=lang).env._("Invoice reminders"),
                    "company_id": company.id,
                    "account_ids": [(6, 0, accounts.ids)],
                    "level_ids": [(0, 0, values) for values in levels],
                }
            )
            for level in policy.level_ids:
                for code in langs:
                    name, legal = translated[code][level.level]
                    level.with_context(lang=code).write(
                        {"name": name, "custom_text": name, "custom_mail_text": name, "sales_dunning_legal_text": legal}
                    )
            company.credit_policy_id = policy
            policies |= policy
        return policies

    def _sales_dunning_run_reminders(self, date=None):
        """Run the reminders of these companies now, as the nightly job would (the demo
        data and a "send now" use it); the sending still goes through queue_job."""
        date = date or fields.Date.context_today(self)
        runs = self.env["credit.control.run"]
        for company in self:
            runs |= runs.with_company(company)._job_sales_dunning_run(company, fields.Date.to_date(date))
        return runs
