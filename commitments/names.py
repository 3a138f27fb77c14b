"""The names of the dataset's states and treaties, for the translation catalogues.

The database holds each name in English, as its source gives it; a public page shows it in the
reader's language through `wording.local_name`, which looks the English name up in the catalogue.
This module only marks the names for `makemessages` (make messages); names added to the dataset
later show in English until they are added here and translated (docs/translating.md). A treaty's
translated title names its source in the catalogue (`#` comment above the entry).
"""

# The names are as the dataset spells them, whatever their length.
# ruff: noqa: E501

from django.utils.translation import gettext_noop

STATE_NAMES = [
    gettext_noop("Brunei"),
    gettext_noop("Brunei Darussalam"),
    gettext_noop("Cambodia"),
    gettext_noop("Kingdom of Cambodia"),
    gettext_noop("Indonesia"),
    gettext_noop("Republic of Indonesia"),
    gettext_noop("Lao PDR"),
    gettext_noop("Lao People's Democratic Republic"),
    gettext_noop("Malaysia"),
    gettext_noop("Malaysia"),
    gettext_noop("Myanmar"),
    gettext_noop("Republic of the Union of Myanmar"),
    gettext_noop("Philippines"),
    gettext_noop("Republic of the Philippines"),
    gettext_noop("Singapore"),
    gettext_noop("Republic of Singapore"),
    gettext_noop("Thailand"),
    gettext_noop("Kingdom of Thailand"),
    gettext_noop("Timor-Leste"),
    gettext_noop("Democratic Republic of Timor-Leste"),
    gettext_noop("Viet Nam"),
    gettext_noop("Socialist Republic of Viet Nam"),
]

# A treaty's name: translate it with the official title where the UN or a state publishes one,
# and name that source in a "# Source:" comment above the entry in the .po file.
TREATY_NAMES = [
    gettext_noop("Genocide Convention"),
    gettext_noop("Convention on the Prevention and Punishment of the Crime of Genocide"),
    gettext_noop("Rome Statute"),
    gettext_noop("Rome Statute of the International Criminal Court"),
    gettext_noop("Geneva Conventions I-IV"),
    gettext_noop("Geneva Conventions (I-IV) of 12 August 1949"),
    gettext_noop("Additional Protocol I"),
    gettext_noop(
        "Protocol Additional to the Geneva Conventions of 12 August 1949, and relating to the Protection of Victims of International Armed Conflicts (Protocol I)"
    ),
    gettext_noop("Additional Protocol II"),
    gettext_noop(
        "Protocol Additional to the Geneva Conventions of 12 August 1949, and relating to the Protection of Victims of Non-International Armed Conflicts (Protocol II)"
    ),
    gettext_noop("Arms Trade Treaty"),
    gettext_noop("Arms Trade Treaty"),
    gettext_noop("Convention on Cluster Munitions"),
    gettext_noop("Convention on Cluster Munitions"),
    gettext_noop("Mine Ban Treaty (Ottawa)"),
    gettext_noop(
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on their Destruction"
    ),
    gettext_noop("Chemical Weapons Convention"),
    gettext_noop(
        "Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons and on their Destruction"
    ),
    gettext_noop("Biological Weapons Convention"),
    gettext_noop(
        "Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their Destruction"
    ),
    gettext_noop("Treaty on the Prohibition of Nuclear Weapons"),
    gettext_noop("Treaty on the Prohibition of Nuclear Weapons"),
    gettext_noop("OPAC"),
    gettext_noop(
        "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed conflict"
    ),
    gettext_noop("ICCPR"),
    gettext_noop("International Covenant on Civil and Political Rights"),
    gettext_noop("Convention against Torture"),
    gettext_noop(
        "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"
    ),
    gettext_noop("CEDAW"),
    gettext_noop("Convention on the Elimination of All Forms of Discrimination against Women"),
    gettext_noop("Refugee Convention"),
    gettext_noop("Convention relating to the Status of Refugees"),
    gettext_noop("1967 Refugee Protocol"),
    gettext_noop("Protocol relating to the Status of Refugees"),
    gettext_noop("1954 Statelessness Convention"),
    gettext_noop("Convention relating to the Status of Stateless Persons"),
    gettext_noop("1961 Statelessness Convention"),
    gettext_noop("Convention on the Reduction of Statelessness"),
    gettext_noop("Palermo Trafficking Protocol"),
    gettext_noop(
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime"
    ),
    gettext_noop("CPED"),
    gettext_noop(
        "International Convention for the Protection of All Persons from Enforced Disappearance"
    ),
    gettext_noop("ACTIP"),
    gettext_noop("ASEAN Convention Against Trafficking in Persons, Especially Women and Children"),
]
