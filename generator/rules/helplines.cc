#include "rules/helplines.h"

namespace sg::rules {

const std::vector<Helpline>& builtin_helplines() {
    static const std::vector<Helpline> helplines = {
        {"Emergency services (police, fire, ambulance, coastguard)", {"999", "112"}, "", "",
         "Ofcom, the UK's emergency call numbers 999 and 112"},
        {"NHS 111", {"111"}, "", "https://111.nhs.uk", "NHS England, 111.nhs.uk"},
        {"Police non-emergency number", {"101"}, "", "https://www.police.uk", "police.uk, 'Contact the police'"},
        {"Childline", {"0800 1111"}, "", "https://www.childline.org.uk", "childline.org.uk, 'Get support'"},
        {"NSPCC Helpline", {"0808 800 5000"}, "help@nspcc.org.uk", "https://www.nspcc.org.uk",
         "nspcc.org.uk, 'Contact the NSPCC Helpline'"},
        {"NSPCC Report Abuse in Education helpline", {"0800 136 663"}, "help@nspcc.org.uk",
         "https://www.nspcc.org.uk", "nspcc.org.uk, 'Report Abuse in Education helpline'"},
        {"Professionals Online Safety Helpline (UK Safer Internet Centre)", {"0344 381 4772"},
         "helpline@saferinternet.org.uk", "https://saferinternet.org.uk",
         "saferinternet.org.uk, 'Professionals Online Safety Helpline'"},
        {"Samaritans", {"116 123"}, "jo@samaritans.org", "https://www.samaritans.org",
         "samaritans.org, 'Contact us'"},
        {"CEOP Safety Centre (National Crime Agency)", {}, "", "https://www.ceop.police.uk/safety-centre/",
         "ceop.police.uk: reports are made online only"},
    };
    return helplines;
}

}  // namespace sg::rules
