import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_dunning_todays_reminders", {
    steps: () => [
        {
            content: "Today's reminders open grouped by level, with each level's total",
            trigger: ".o_group_header:contains('First reminder') .o_list_number:contains('500')",
            run: "click",
        },
        {
            content: "The level's customer, with the amount it owes",
            trigger: ".o_data_row:contains('Tour Relance SARL') td[name='amount_due']:contains('500')",
        },
    ],
});
