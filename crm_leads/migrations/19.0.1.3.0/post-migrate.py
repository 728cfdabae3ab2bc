"""Meeting categories in French, one set: the addon's categories of earlier versions (kept as they
were by their noupdate data) and Odoo's own that the update adopted take the French names the
data gives new databases (a category's name is not translatable)."""

FRENCH_NAMES = {
    "calendar_event_type_client_meeting": ("Réunion client", ["Client meeting", "Customer Meeting"]),
    "calendar_event_type_supplier_meeting": ("Réunion fournisseur", ["Supplier meeting"]),
    "calendar_event_type_internal_meeting": ("Réunion interne", ["Internal meeting", "Internal Meeting"]),
    "calendar_event_type_training": ("Formation", ["Training"]),
    "calendar_event_type_event": ("Événement", ["Event"]),
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, (french, former_names) in FRENCH_NAMES.items():
        cr.execute(
            """
            UPDATE calendar_event_type category
               SET name = %s
              FROM ir_model_data data
             WHERE data.module = 'crm_leads' AND data.name = %s AND data.res_id = category.id
               AND category.name IN %s
               AND NOT EXISTS (SELECT 1 FROM calendar_event_type other WHERE other.name = %s)
            """,
            (french, xmlid, tuple(former_names), french),
        )
