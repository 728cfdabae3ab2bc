from collections import defaultdict

from odoo import models
from odoo.exceptions import AccessError


class Base(models.AbstractModel):
    _inherit = "base"

    def _crm_leads_filtered_post_access(self):
        """The records of `self` the current user may post on, by their rights on the record
        alone: the access Odoo asks for posting (`_mail_get_operation_for_mail_message_operation`:
        write, unless the model posts on read like Discuss channels and invoices), without the
        shortcuts Odoo grants followers and people notified of the parent message."""
        by_operation = defaultdict(lambda: self.browse())
        for record, operation in self._mail_get_operation_for_mail_message_operation("create").items():
            by_operation[operation] |= record
        allowed = self.browse()
        for operation, records in by_operation.items():
            allowed |= records._filtered_access(operation) if operation else records.browse()
        return allowed

    def _crm_leads_check_post_access(self):
        """Raise the access error of the records of `self` the current user may not post on (see
        `_crm_leads_filtered_post_access`), when the user has the CRM read-only level."""
        if self.env.su or not self.env.user._crm_leads_is_read_only():
            return
        if self - self._crm_leads_filtered_post_access():
            raise AccessError(
                self.env._(
                    "Your access to these records (%(model)s) is read-only: you may not post messages on them, "
                    "follow them or send e-mails about them. Ask a salesperson to do it.",
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )
