import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_dunning_payments", {
    steps: () => [
        {
            content: "Select the first customer's invoice",
            trigger: ".o_data_row:contains('Tour Payeur A') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second customer's invoice",
            trigger: ".o_data_row:contains('Tour Payeur B') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Register the payment of both at once",
            trigger: ".o_control_panel button[name='action_register_payment']",
            run: "click",
        },
        {
            content: "Odoo's payment wizard: create the payments",
            trigger: ".modal button[name='action_create_payments']",
            run: "click",
        },
        {
            content: "Both paid lines have left the list",
            trigger: "body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains('Tour Payeur')))",
        },
    ],
});
