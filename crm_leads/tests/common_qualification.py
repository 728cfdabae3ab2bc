from .common import CrmLeadsCase


class CrmLeadsQualificationCase(CrmLeadsCase):
    """Leads created unassigned, so that the salesman sees them (Odoo's own-or-unassigned rule)."""

    @classmethod
    def create_lead(cls, name, **values):
        return super().create_lead(name, **{"user_id": False, **values})
