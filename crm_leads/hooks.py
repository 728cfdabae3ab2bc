def _post_init_hook(env):
    _assign_initial_lead_statuses(env)
    _mark_initial_customers(env)


def _assign_initial_lead_statuses(env):
    """Leads that existed before the addon get the status matching what they already are:
    lost leads (archived with no probability) the lost role, every other lead the new one."""
    Status = env["crm.lead.status"]
    leads = (
        env["crm.lead"]
        .with_context(active_test=False, crm_leads_closing_action=True, tracking_disable=True)
        .search([("type", "=", "lead"), ("lead_status_id", "=", False)])
    )
    lost = leads.filtered(lambda lead: not lead.active and lead.probability == 0)
    lost.write({"lead_status_id": Status._get_status_by_role("lost").id})
    (leads - lost).write({"lead_status_id": Status._get_status_by_role("new").id})


def _mark_initial_customers(env):
    """Companies that bought before the addon (a confirmed sale order) are customers; the others
    get their relationship type by hand or by converting leads."""
    orders = env["sale.order"].search([("state", "=", "sale")])
    orders.partner_id.with_context(tracking_disable=True)._crm_leads_mark_customers()


def _uninstall_hook(env):
    """Uninstalling deletes the statuses, departments and job functions before it drops the
    columns pointing to them, which refuse it: empty those columns first, they are dropped anyway."""
    env.cr.execute(
        """UPDATE crm_lead SET lead_status_id = NULL, department_id = NULL, job_function_id = NULL
            WHERE lead_status_id IS NOT NULL OR department_id IS NOT NULL OR job_function_id IS NOT NULL"""
    )
    env.cr.execute("UPDATE res_partner SET prospect_status_id = NULL WHERE prospect_status_id IS NOT NULL")
    _restore_odoo_entries(env)


def _restore_odoo_entries(env):
    """Odoo's "Convert to opportunities" goes back to the Actions menu of leads, and CRM's
    Customers menu to the Sales menu, where the addon's Convert and Contacts stood in for them."""
    action = env.ref("crm.action_crm_send_mass_convert", raise_if_not_found=False)
    if action:
        action.binding_model_id = env.ref("crm.model_crm_lead")
    menu = env.ref("crm.res_partner_menu_customer", raise_if_not_found=False)
    if menu:
        menu.active = True
