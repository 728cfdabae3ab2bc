from collections import defaultdict

from lxml import etree

from odoo import api, models
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

    # ------------------------------------------------------------
    # The read-only level is offered nothing that fails
    # ------------------------------------------------------------

    def _crm_leads_reads_only(self):
        """Whether the current user has the CRM read-only level and may not change records of
        this model: their screens then offer nothing that changes them."""
        return not self.env.su and self.env.user._crm_leads_is_read_only() and not self.has_access("write")

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Fields are read-only for the read-only level: the web client then offers neither
        Archive nor inline edits (stars, toggles) that the server would refuse."""
        result = super().fields_get(allfields=allfields, attributes=attributes)
        if self._crm_leads_reads_only():
            for description in result.values():
                if attributes is None or "readonly" in attributes:
                    description["readonly"] = True
        return result

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """For the read-only level: no button of a form's or a list's header (they all change the
        record: mark won or lost, convert, enrich, e-mail...), no drag and drop in a kanban, no
        activity widget (it schedules activities), no properties (their cog entry edits them), no SMS
        button beside phone numbers, and an activity view that does not create (`create="0"`, read
        by the activity view patch of `static/src/activity`)."""
        result = super().get_view(view_id=view_id, view_type=view_type, **options)
        if view_type not in ("form", "list", "kanban", "activity") or not self._crm_leads_reads_only():
            return result
        arch = etree.fromstring(result["arch"])
        removed = [
            *arch.xpath("/form/header/button | /list/header/button"),
            *arch.xpath("//field[@widget='kanban_activity' or @widget='list_activity']"),
        ]
        if view_type == "form":
            properties = {name for name, field in self._fields.items() if field.type == "properties"}
            removed += [node for node in arch.iter("field") if node.get("name") in properties]
        for node in removed:
            node.getparent().remove(node)
        if view_type == "kanban":
            arch.set("records_draggable", "False")
        if view_type == "activity":
            arch.set("create", "0")
        for node in arch.xpath("//field[@widget='phone'][not(@options)]"):
            node.set("options", "{'enable_sms': False}")
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result
