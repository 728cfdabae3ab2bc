from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Odoo lets a user follow what he may read; following is then a way to post there (see
        `mail.message._get_forbidden_access`). The CRM read-only level follows only what it may
        post on, that is nothing it only reads."""
        if self and partner_ids:
            self._crm_leads_check_post_access()
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.model
    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        """The web client's routes post, upload and react on a thread they get here, then as
        superuser; the portal grants it to whoever has the document's link (its token or hash),
        internal users included. The CRM read-only level gets, beyond reading, only what its own
        rights allow, not what a customer's link allows."""
        thread = super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
        if thread and mode != "read" and self.env.user._crm_leads_is_read_only():
            # sudo(False): the portal hands the thread as superuser; the user's own rights decide.
            return thread.sudo(False)._filtered_access(mode)
        return thread

    def _thread_to_store(self, store, fields, *, request_list=None):
        """Tell the chatter whether the user may post, follow, attach or plan activities
        (`crmLeadsCanPost`): Odoo's chatter offers following, attaching and activities to whoever
        reads, which the CRM read-only level may not do."""
        super()._thread_to_store(store, fields, request_list=request_list)
        # Only the read-only level is told anything: the chatter offers the rest what Odoo offers.
        if (
            request_list is None
            or not store.target.is_current_user(self.env)
            or not self.env.user._crm_leads_is_read_only()
        ):
            return
        # sudo(False): the store may be built as superuser; what the user may do is told.
        allowed = self.sudo(False)._crm_leads_filtered_post_access()
        for thread in self:
            store.add(thread, {"crmLeadsCanPost": thread.id in allowed.ids}, as_thread=True)
