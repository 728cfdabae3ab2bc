from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain


class CrmDoNotContactMixin(models.AbstractModel):
    """Do not call / do not e-mail switches of leads and contacts, kept in Odoo's e-mail and
    phone blacklists so that mass mailing, SMS and the CRM automations all honour them. For models
    that are both `mail.thread.blacklist` and `mail.thread.phone`."""

    _name = "crm.do.not.contact.mixin"
    _description = "Do Not Call / Do Not E-mail"

    do_not_email = fields.Boolean(
        string="Do Not E-mail",
        compute="_compute_do_not_email",
        inverse="_inverse_do_not_email",
        search="_search_do_not_email",
        groups="base.group_user",
        help="The person asked not to receive e-mails: the address is on the e-mail blacklist.",
    )
    do_not_call = fields.Boolean(
        string="Do Not Call",
        compute="_compute_do_not_call",
        inverse="_inverse_do_not_call",
        search="_search_do_not_call",
        groups="base.group_user",
        help="The person asked not to be called: the number is on the phone blacklist.",
    )

    @api.depends("email_normalized")
    def _compute_do_not_email(self):
        """Ticked when an address of the e-mail field is blacklisted: the rule of sending
        (`_crm_leads_can_email`), so that the form says why a record is left out."""
        reachable = self._crm_leads_can_email()
        for record in self:
            record.do_not_email = bool(record.email_normalized) and record not in reachable

    def _inverse_do_not_email(self):
        without_email = self.filtered(lambda record: record.do_not_email and not record.email_normalized)
        if without_email:
            raise UserError(
                self.env._(
                    '"%s" has no e-mail address: enter it before ticking Do Not E-mail.',
                    without_email[0].display_name,
                )
            )
        unticked = self.filtered(lambda record: not record.do_not_email)
        blocked = unticked.filtered("email_normalized") - unticked._crm_leads_can_email()
        self._crm_leads_check_can_unblock(blocked, "mail.blacklist")
        self.filtered("do_not_email")._crm_leads_set_do_not_email(True)
        unticked._crm_leads_set_do_not_email(False)

    def _search_do_not_email(self, operator, value):
        if operator != "in":
            return NotImplemented
        refused = Domain("email_normalized", "!=", False) & ~Domain(self._crm_leads_can_email_domain())
        if True in value and False in value:
            return Domain.TRUE
        return refused if True in value else ~refused

    @api.depends("phone_sanitized")
    def _compute_do_not_call(self):
        for record in self:
            record.do_not_call = record.phone_sanitized_blacklisted

    def _inverse_do_not_call(self):
        without_phone = self.filtered(lambda record: record.do_not_call and not record.phone_sanitized)
        if without_phone:
            raise UserError(
                self.env._(
                    '"%s" has no valid phone number: enter it (with its country) before ticking Do Not Call.',
                    without_phone[0].display_name,
                )
            )
        unticked = self.filtered(lambda record: not record.do_not_call)
        blocked = unticked.filtered("phone_sanitized") - unticked._crm_leads_can_call()
        self._crm_leads_check_can_unblock(blocked, "phone.blacklist")
        self.filtered("do_not_call")._crm_leads_set_do_not_call(True)
        unticked._crm_leads_set_do_not_call(False)

    def _search_do_not_call(self, operator, value):
        self._crm_leads_flush_phone_blacklist()
        return [("phone_sanitized_blacklisted", operator, value)]

    def _crm_leads_check_can_unblock(self, blocked, blacklist_model):
        """Anyone who edits a record may record that the person refuses e-mails or calls; taking
        the address or number off Odoo's blacklist (`blacklist_model`) is for sales managers and
        the blacklist's own managers, since the person may have unsubscribed themselves."""
        if not blocked or self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        if self.env[blacklist_model].has_access("write"):
            return
        if blacklist_model == "mail.blacklist":
            message = self.env._(
                'Only a sales manager can allow "%s" to be e-mailed again: the person may have unsubscribed '
                "themselves. Ask a sales manager to untick Do Not E-mail.",
                blocked[0].display_name,
            )
        else:
            message = self.env._(
                'Only a sales manager can allow "%s" to be called again: the person may have asked for it '
                "themselves. Ask a sales manager to untick Do Not Call.",
                blocked[0].display_name,
            )
        raise AccessError(message)
