{
    "name": "CRM Leads Qualification",
    "summary": "Open and closed lead statuses, qualification kanban, my/open/closed leads",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": [
        "crm",
        # opportunities extras, events, catalogs, reports
        "sale_crm",
        "calendar",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/crm_lead_status_data.xml",
        "data/res_groups_data.xml",
        "views/crm_lead_status_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_leads_menus.xml",
        # opportunity extras, events
        "data/crm_stage_data.xml",
        "data/calendar_event_type_data.xml",
        "data/mail_activity_type_data.xml",
        "views/crm_stage_views.xml",
        "views/crm_lead_opportunity_views.xml",
        "views/crm_lead_event_views.xml",
        "views/res_partner_event_views.xml",
        "views/calendar_event_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
        "demo/crm_opportunity_demo.xml",
        "demo/calendar_event_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_leads/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "_assign_initial_lead_statuses",
    "installable": True,
}
