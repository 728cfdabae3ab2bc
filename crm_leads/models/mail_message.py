from collections import defaultdict

from odoo import models


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _get_forbidden_access(self, operation):
        """Odoo lets the followers of a document, and the people notified of the message replied
        to, post on a document they may only read. The CRM read-only level reads and leaves no
        trace: a message (or an e-mail, or a notification) on a document needs the access Odoo asks
        for posting there, with no shortcut. Discuss channels and the other models posting on read
        access keep Odoo's rule."""
        forbidden = super()._get_forbidden_access(operation)
        if operation != "create" or self.env.su or not self.env.user._crm_leads_is_read_only():
            return forbidden
        return forbidden | (self - forbidden)._crm_leads_forbidden_posts()

    def _crm_leads_forbidden_posts(self):
        """The messages of `self` on a document the user may not post on by his own rights."""
        message_ids_of = defaultdict(lambda: defaultdict(list))
        # sudo: the messages are being created, their access is what is being decided; only the
        # document they are on is read, with the user's rights.
        for message in self.sudo():
            if message.model in self.env and message.res_id:
                message_ids_of[message.model][message.res_id].append(message.id)
        forbidden_ids = []
        for model, ids_of_document in message_ids_of.items():
            documents = self.env[model].browse(ids_of_document)
            for document in documents - documents._crm_leads_filtered_post_access():
                forbidden_ids += ids_of_document[document.id]
        return self.browse(forbidden_ids)
