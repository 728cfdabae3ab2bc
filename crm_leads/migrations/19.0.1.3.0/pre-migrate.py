"""One five-star rating: Odoo's priority takes the values of the lead scoring and the opportunity
scoring, whose columns the update then drops with their fields."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version:
        return
    merge_scorings_into_priority(cr)
    point_old_views_at_priority(cr)


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


def point_old_views_at_priority(cr):
    """The addon's lead views of the previous version name the scorings, whose fields are gone:
    Odoo checks each view with the others of the addon before their files load them anew, so they
    name the rating instead until then."""
    cr.execute(
        r"""
        UPDATE ir_ui_view v
           SET arch_db = regexp_replace(v.arch_db::text, '\m(lead|opportunity)_scoring\M', 'priority', 'g')::jsonb
          FROM ir_model_data d
         WHERE d.model = 'ir.ui.view' AND d.res_id = v.id AND d.module = 'crm_leads'
           AND v.model = 'crm.lead' AND v.arch_db::text ~ '\m(lead|opportunity)_scoring\M'
        """
    )
