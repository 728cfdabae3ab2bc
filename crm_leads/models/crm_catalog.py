from urllib.parse import quote as url_quote

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmCatalog(models.Model):
    """A product catalog (a PDF) that salespeople show and send to their contacts."""

    _name = "crm.catalog"
    _description = "Catalog"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    catalog_type_id = fields.Many2one("crm.catalog.type", string="Type", ondelete="restrict", index=True)
    pdf_file = fields.Binary(string="PDF File", attachment=True)
    pdf_filename = fields.Char(string="PDF File Name")
    logo = fields.Image(max_width=512, max_height=512)
    description = fields.Html(translate=True)
    company_id = fields.Many2one("res.company", string="Company", index=True)

    @api.constrains("pdf_filename")
    def _check_pdf_filename(self):
        for catalog in self:
            if catalog.pdf_filename and not catalog.pdf_filename.lower().endswith(".pdf"):
                raise ValidationError(
                    _('The file of the catalog "%s" must be a PDF: upload a .pdf file.', catalog.name)
                )

    def _check_has_pdf(self):
        missing = self.filtered(lambda catalog: not catalog.pdf_file)[:1]
        if missing:
            raise UserError(_('The catalog "%s" has no PDF yet: upload its PDF file first.', missing.name))

    def _pdf_name(self):
        self.ensure_one()
        return self.pdf_filename or f"{self.name}.pdf"

    def action_show_pdf(self):
        self.ensure_one()
        self._check_has_pdf()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/pdf_file/{url_quote(self._pdf_name())}",
            "target": "new",
        }

    def action_send_by_email(self):
        self.ensure_one()
        self._check_has_pdf()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send the catalog by e-mail"),
            "res_model": "crm.catalog.send",
            "view_mode": "form",
            "target": "new",
            "context": {"default_catalog_id": self.id},
        }
