from odoo import api, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    @api.depends("subject")
    def _compute_display_name(self):
        """A scenario's mailing is named after its scenario and step, not after its subject, which
        holds the template's placeholders (the Marketing tab of the records lists it)."""
        result = super()._compute_display_name()
        # The steps that own the mailings, whoever reads them (a user of Email Marketing only).
        Step = self.env["marketing.scenario.step"].sudo()
        steps = Step.search(["|", ("mailing_id", "in", self.ids), ("test_mailing_id", "in", self.ids)])
        names = {}
        for step in steps:
            name = f"{step.scenario_id.name} - {step.name}"
            names[step.mailing_id.id] = name
            names[step.test_mailing_id.id] = self.env._("[Test] %s", name)
        for mailing in self.filtered(lambda mailing: mailing.id in names):
            mailing.display_name = names[mailing.id]
        return result

    def _send_to_scenario_records(self, res_ids):
        """Queue the mailing's e-mails to the records `res_ids`, as Odoo's sending does (the same
        composer: mailing traces, blacklist, opt-outs and duplicates are Odoo's), but within the
        caller's transaction. `action_send_mail(res_ids)` commits as it goes outside tests: a
        scenario's job must commit its claim and its e-mails together, or nothing."""
        self.ensure_one()
        mailing = self.with_context(**self.env["res.users"].with_user(self.user_id or self.env.user).context_get())
        values = {
            "auto_delete": not mailing.keep_archives,
            "auto_delete_keep_log": mailing.reply_to_mode == "update",
            "author_id": (mailing.user_id or self.env.user).partner_id.id,
            "attachment_ids": [(4, attachment.id) for attachment in mailing.attachment_ids],
            "body": mailing._prepend_preview(mailing.body_html or "", mailing.preview),
            "composition_mode": "mass_mail",
            "email_from": mailing.email_from,
            "mail_server_id": mailing.mail_server_id.id,
            "mass_mailing_id": mailing.id,
            "model": mailing.mailing_model_real,
            "reply_to_force_new": mailing.reply_to_mode == "new",
            "subject": mailing.subject,
            "template_id": False,
            "use_exclusion_list": mailing.use_exclusion_list,
        }
        if mailing.reply_to_mode == "new":
            values["reply_to"] = mailing.reply_to
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                active_ids=res_ids, default_composition_mode="mass_mail", **mailing._get_mass_mailing_context()
            )
            .create(values)
        )
        mails, _messages = composer._action_send_mail(auto_commit=False)
        return mails

    def _redirect_to_test_addresses(self, test_email_of):
        """Test mode: the e-mails just queued to the records go to the test addresses only."""
        self.ensure_one()
        domain = [("mailing_id", "=", self.id), ("res_id", "in", list(test_email_of)), ("state", "=", "outgoing")]
        # Outgoing e-mails are technical records: the test mode rewrites its own, just queued.
        mails = self.env["mail.mail"].sudo().search(domain)
        for mail in mails:
            mail.write({"email_to": test_email_of[mail.res_id], "email_cc": False, "recipient_ids": [(5, 0, 0)]})
