{
    "name": "Marketing Campaigns",
    "summary": "Marketing scenarios, phone campaigns, mailings fed by queries, mail merge letters and labels",
    "version": "19.0.1.0.0",
    "category": "Marketing",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": ["mass_mailing_crm", "crm_leads", "smart_queries", "crm_pipeline_automation", "queue_job"],
    "data": [
        "security/marketing_campaigns_security.xml",
        "views/marketing_campaigns_menus.xml",
        "security/ir.model.access.csv",
        "views/mailing_mailing_views.xml",
        "views/smart_query_views.xml",
        "views/smart_query_trigger_action_views.xml",
        "views/crm_pipeline_trigger_action_views.xml",
        "wizard/smart_query_launch_views.xml",
    ],
    "demo": [
        "demo/smart_query_demo.xml",
    ],
    "installable": True,
    "application": True,
}
