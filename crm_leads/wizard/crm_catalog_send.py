from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmCatalogSend(models.TransientModel):
    """Send a catalog to chosen contacts, one e-mail each with the PDF attached. Contacts who
    asked for no e-mail (Odoo's blacklist) or have no address are left out and counted."""

    _name = "crm.catalog.send"
    _description = "Send a Catalog by E-mail"

    catalog_id = fields.Many2one("crm.catalog", string="Catalog", required=True, ondelete="cascade")
    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    template_id = fields.Many2one(
        "mail.template",
        string="Template",
        required=True,
        domain=[("model", "=", "crm.catalog")],
        default=lambda self: self.env.ref("crm_leads.mail_template_send_catalog", raise_if_not_found=False),
    )
    blacklisted_count = fields.Integer(compute="_compute_left_out", string="Do Not E-mail")
    no_email_count = fields.Integer(compute="_compute_left_out", string="Without E-mail")

    @api.constrains("template_id")
    def _check_template_is_a_catalog_one(self):
        """The view offers catalog templates only; the dialog renders its template on the catalog,
        so a template of another model (a sale order's, through RPC) would render that model's
        records with the catalog's id."""
        for wizard in self:
            if wizard.template_id and wizard.template_id.model != "crm.catalog":
                raise ValidationError(
                    self.env._(
                        'The template "%s" is not a template of catalogs: choose a template of catalogs '
                        '(such as "Send catalog") to send a catalog.',
                        wizard.template_id.name,
                    )
                )

    @api.depends("partner_ids")
    def _compute_left_out(self):
        for wizard in self:
            blacklisted, without_email = wizard._left_out_partners()
            wizard.blacklisted_count = len(blacklisted)
            wizard.no_email_count = len(without_email)

    def _left_out_partners(self):
        """(blacklisted, without e-mail): the contacts this sending leaves out."""
        without_email = self.partner_ids.filtered(lambda partner: not partner.email_normalized)
        blacklisted = self.partner_ids - without_email - self.partner_ids._crm_leads_can_email()
        return blacklisted, without_email

    def _send_catalog(self):
        """Queue one e-mail per reachable contact; return (sent, blacklisted, without e-mail)."""
        self.ensure_one()
        self.catalog_id._check_has_pdf()
        blacklisted, without_email = self._left_out_partners()
        recipients = self.partner_ids - blacklisted - without_email
        if not recipients:
            return recipients, blacklisted, without_email
        catalog = self.catalog_id
        # Attached to this dialog, as Odoo's composer does: salespeople may read catalogs, not edit them.
        attachment = self.env["ir.attachment"].create(
            {
                "name": catalog._pdf_name(),
                "datas": catalog.pdf_file,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        for partner in recipients:
            self.template_id.with_context(catalog_recipient_name=partner.name).send_mail(
                catalog.id,
                email_values={
                    "recipient_ids": [fields.Command.set(partner.ids)],
                    "attachment_ids": [fields.Command.set(attachment.ids)],
                },
            )
        return recipients, blacklisted, without_email

    def action_send(self):
        sent, blacklisted, without_email = self._send_catalog()
        if not sent:
            raise UserError(
                _(
                    "None of the chosen contacts can receive the catalog: %(blacklisted)s asked for no "
                    "e-mail and %(without)s have no e-mail address. Choose other contacts.",
                    blacklisted=len(blacklisted),
                    without=len(without_email),
                )
            )
        message = _("The catalog was sent to %s contact(s).", len(sent))
        if blacklisted:
            message += " " + _("%s contact(s) who asked for no e-mail were left out.", len(blacklisted))
        if without_email:
            message += " " + _("%s contact(s) without e-mail address were left out.", len(without_email))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Catalog sent"),
                "message": message,
                "type": "warning" if blacklisted or without_email else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
