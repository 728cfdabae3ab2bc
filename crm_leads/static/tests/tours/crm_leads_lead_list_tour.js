import { registry } from "@web/core/registry";

const row = ".o_list_view .o_data_row:contains('Tour list lead')";

registry.category("web_tour.tours").add("crm_leads_lead_list", {
    steps: () => [
        {
            content: "The list shows Axelor's columns, in its order",
            trigger:
                ".o_list_view thead:contains('Lead'):contains('Company Name'):contains('Phone')" +
                ":contains('City'):contains('Created on'):contains('Salesperson')" +
                ":contains('Lead Status'):contains('Rating')",
        },
        {
            content: "The row shows the lead's phone, city and five-star rating",
            trigger: `${row}:contains('+33 4 72 00 00 00'):contains('Lyon') .o_priority .o_priority_star:nth-child(5)`,
        },
        {
            content: "The row offers New Event and Send E-mail: take charge of it",
            trigger:
                `${row}:has(button[name='action_new_meeting']):has(button:contains('Send E-mail'))` +
                " button[name='action_take_charge']",
            run: "click",
        },
        {
            content: "Once taken, Take Charge leaves the row",
            trigger: `${row}:not(:has(button[name='action_take_charge']))`,
        },
        {
            content: "Select the lead",
            trigger: `${row} .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Open the Actions menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "It holds one Convert",
            trigger:
                ".o-dropdown--menu:has(.o-dropdown-item:contains('Convert'))" +
                ":not(:contains('Convert to opportunities')):not(:contains('match existing'))",
            run() {
                const converts = [...document.querySelectorAll(".o-dropdown--menu .o-dropdown-item")].filter(
                    (item) => item.textContent.includes("Convert")
                );
                if (converts.length !== 1) {
                    throw new Error(`${converts.length} Convert entries in the Actions menu`);
                }
            },
        },
    ],
});
