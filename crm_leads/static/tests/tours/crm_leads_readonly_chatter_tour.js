import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_readonly_chatter", {
    steps: () => [
        {
            content: "The read-only user cannot send a message nor log a note (Odoo disables them)",
            trigger: ".o-mail-Chatter .o-mail-Chatter-sendMessage:disabled",
        },
        {
            content: "Nor plan an activity or attach a file: the chatter does not offer them",
            trigger:
                ".o-mail-Chatter-topbar:not(:has(.o-mail-Chatter-activity)):not(:has(.o-mail-Chatter-attachFiles))",
        },
        {
            content: "Open the followers",
            trigger: ".o-mail-Followers-button",
            run: "click",
        },
        {
            content: "Nor follow the lead",
            trigger: ".o-mail-Followers-dropdown:contains('No Followers'):not(:has(.o-mail-FollowerList-followBtn))",
        },
    ],
});
