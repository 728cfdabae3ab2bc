import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_readonly_screens", {
    steps: () => [
        {
            content: "The open leads' cards cannot be dragged, nor their activities scheduled",
            trigger:
                ".o_kanban_renderer:has(.o_kanban_record:contains('Tour read lead'))" +
                ":not(:has(.o_draggable)):not(:has(.o_ActivityButton, .o-mail-ActivityButton))",
        },
        {
            content: "Open the lead",
            trigger: ".o_kanban_record:contains('Tour read lead')",
            run: "click",
        },
        {
            content: "No button in the header: no Won, Lost, Convert, Take Charge nor Enrich",
            trigger: ".o_form_view .o_form_statusbar:not(:has(.o_statusbar_buttons button))",
        },
        {
            content: "Open the gear menu",
            trigger: ".o_cp_action_menus button",
            run: "click",
        },
        {
            content: "It offers printouts only: neither Archive nor Send email nor Enrich nor Edit Properties",
            trigger: ".o-dropdown--menu .dropdown-item:has(.fa-print)",
            run() {
                const others = [...document.querySelectorAll(".o-dropdown--menu .dropdown-item")].filter(
                    (item) => !item.querySelector(".fa-print")
                );
                if (others.length) {
                    throw new Error(`Offered: ${others.map((item) => item.textContent.trim()).join(", ")}`);
                }
            },
        },
        {
            content: "Nor does the chatter offer a message, a note or an activity",
            trigger:
                ".o-mail-Chatter-topbar:not(:has(.o-mail-Chatter-sendMessage))" +
                ":not(:has(.o-mail-Chatter-logNote)):not(:has(.o-mail-Chatter-activity))",
        },
    ],
});
