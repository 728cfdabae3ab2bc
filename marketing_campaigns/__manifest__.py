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
    ],
    "installable": True,
    "application": True,
}
