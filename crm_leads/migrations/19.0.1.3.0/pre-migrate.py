"""One five-star rating: Odoo's priority takes the values of the lead scoring and the opportunity
scoring, whose columns the update then drops with their fields."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version:
        return
    merge_scorings_into_priority(cr)


def merge_scorings_into_priority(cr):
    """A lead's priority becomes its lead scoring, an opportunity's its opportunity scoring (else
    the scoring it had as a lead), when one was given; otherwise the lead keeps its priority, the
    same number of stars out of five as it had out of three."""
    scorings = [column for column in ("opportunity_scoring", "lead_scoring") if column_exists(cr, "crm_lead", column)]
    if not scorings:
        return
    opportunity_scoring = "NULLIF(opportunity_scoring, '0')" if "opportunity_scoring" in scorings else "NULL"
    lead_scoring = "NULLIF(lead_scoring, '0')" if "lead_scoring" in scorings else "NULL"
    cr.execute(
        f"""
        UPDATE crm_lead
           SET priority = COALESCE(CASE WHEN type = 'opportunity' THEN {opportunity_scoring} END,
                                   {lead_scoring}, priority)
         WHERE COALESCE(CASE WHEN type = 'opportunity' THEN {opportunity_scoring} END, {lead_scoring})
               IS NOT NULL
        """
    )
