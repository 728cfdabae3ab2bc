{
    "name": "CRM Leads Qualification",
    "summary": "Open and closed lead statuses, qualification kanban, my/open/closed leads",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": ["crm"],
    "data": [
        "security/ir.model.access.csv",
        "data/crm_lead_status_data.xml",
        "data/res_groups_data.xml",
        "views/crm_lead_status_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_leads_menus.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_leads/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "_assign_initial_lead_statuses",
    "installable": True,
}
