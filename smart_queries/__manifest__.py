{
    "name": "Smart Queries",
    "summary": "Saved multi-criteria queries on any model, values asked at run time, nightly triggers",
    "version": "19.0.2.1.0",
    "category": "Productivity",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": ["base", "mail", "queue_job"],
    "data": [
        "security/smart_query_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/queue_job_data.xml",
        "views/smart_query_views.xml",
        "views/smart_query_run_views.xml",
        "views/smart_query_trigger_views.xml",
        "wizard/smart_query_launch_views.xml",
        "views/smart_queries_menus.xml",
    ],
    "demo": [
        "demo/smart_query_demo.xml",
        "demo/smart_query_trigger_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "smart_queries/static/src/**/*",
        ],
        "web.assets_tests": [
            "smart_queries/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "_drop_generated_lists",
    "installable": True,
    "application": False,
}
