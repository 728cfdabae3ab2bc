from odoo import api, models

# The addon's meeting categories Odoo's calendar already has (in its demo data): the addon's
# external ids then name Odoo's records instead of creating a second "Customer Meeting".
ODOO_CATEGORIES = {
    "calendar_event_type_client_meeting": "calendar.categ_meet1",
    "calendar_event_type_internal_meeting": "calendar.categ_meet2",
}


class CalendarEventType(models.Model):
    _inherit = "calendar.event.type"

    @api.model
    def _crm_leads_adopt_odoo_categories(self):
        """Give the addon's external ids to Odoo's categories where they exist, before the data
        file creates the categories: it then updates Odoo's records instead of adding twins. Where
        the addon already made its own (databases of earlier versions), its meetings move to
        Odoo's category and its twin goes."""
        IrModelData = self.env["ir.model.data"]
        for name, odoo_xmlid in ODOO_CATEGORIES.items():
            odoo_category = self.env.ref(odoo_xmlid, raise_if_not_found=False)
            if not odoo_category:
                continue
            ours = IrModelData.search([("module", "=", "crm_leads"), ("name", "=", name)])
            if ours.res_id == odoo_category.id:
                continue
            twin = self.browse(ours.res_id).exists()
            if twin:
                meetings = (
                    self.env["calendar.event"].with_context(active_test=False).search([("categ_ids", "in", twin.ids)])
                )
                meetings.write({"categ_ids": [(3, twin.id), (4, odoo_category.id)]})
                twin.unlink()
            ours.unlink()
            IrModelData.create(
                {
                    "module": "crm_leads",
                    "name": name,
                    "model": self._name,
                    "res_id": odoo_category.id,
                    "noupdate": True,
                }
            )
