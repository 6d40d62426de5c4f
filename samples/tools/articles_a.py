"""Sample articles, written for newsgraph. Events and most people are invented; places are real."""

ARTICLES = [
    {
        "slug": "afghanistan-panjshir-resistance",
        "site": "kabulwire",
        "format": "html",
        "date": "2025-09-06",
        "title": "Taliban say they captured Panjshir; resistance leader denies it",
        "body": """The Taliban claimed on Monday that their fighters had taken full control of the Panjshir valley, the last province holding out against the movement, but the resistance commander Ahmad Masoud said the claim was false.

"Panjshir is completely under our control," Taliban spokesman Zabiullah Haqmal wrote on Twitter, posting a photograph of fighters outside the governor's office in Bazarak.

Masoud, the son of the late commander Ahmad Shah Massoud, answered within hours. "Our forces are present in all strategic positions across the valley," he said in a video message shared on Facebook. "The fight continues."

A local official, speaking on condition of anonymity, said fighting was still going on near the Anjuman pass. Another source told the Kabul Wire that resistance fighters had withdrawn from Rukha district on Sunday.

Ahmed Masood, 34, has led the National Resistance Front (NRF) since August. The NRF has repeatedly accused the Taliban of cutting phone lines into the valley. Haqmal denied that the Taliban had blocked humanitarian aid.

Former vice president Amrullah Saleh, who fled to Panjshir two weeks ago, has not been seen in public since Saturday. Some reports said he had crossed into Tajikistan, while a resistance spokesman insisted he was still in the valley.""",
    },
    {
        "slug": "ukraine-kharkiv-shelling",
        "site": "eastdesk",
        "format": "html",
        "date": "2025-03-14",
        "title": "Overnight shelling hits Kharkiv power station",
        "body": """Russian forces shelled a power station in Kharkiv overnight, cutting electricity to thousands of homes, the regional governor said on Friday.

Governor Oleh Syniehubov wrote on Telegram that two workers had been wounded and that repair crews were already at the site. "The city is holding. Crews are restoring power block by block," he posted.

President Volodymyr Zelensky condemned the strike in an evening address. "Every strike on our energy system is a strike on civilians," Zelenskyy said, calling on partners to send more air-defence systems.

The Russian defence ministry said in a statement that its troops had struck "military infrastructure" in the Kharkov region and denied targeting civilian facilities.

Kharkiv, Ukraine's second-largest city, lies about 30 kilometres from the Russian border. Ukrainian troops recaptured several villages north of the city last September.

In a tweet, the mayor, Ihor Terekhov, urged residents to charge their phones while power lasts. "#Kharkiv will not go dark," he wrote.""",
    },
    {
        "slug": "sudan-el-fasher-siege",
        "site": "saheldaily",
        "format": "html",
        "date": "2025-06-02",
        "title": "RSF tightens siege of El Fasher as army vows counter-attack",
        "body": """The paramilitary Rapid Support Forces (RSF) stormed the eastern districts of El Fasher on Sunday, residents said, as the Sudanese army vowed to retake the North Darfur capital.

The RSF commander, General Mohamed Hamdan Dagalo, widely known as Hemedti, said in a recorded speech that his fighters would "protect civilians and open roads for aid". His rival, army chief General Abdel Fattah al-Burhan, accused the RSF of shelling the city's last working hospital.

"They are firing on markets and clinics," Burhan told supporters in Port Sudan. "We will not negotiate while our cities burn."

Aid groups said about 300,000 people were trapped. A doctor at the Saudi hospital said in a post on X that the facility had been hit twice in three days: "We have no oxygen left. #ElFasher"

Hemeti's brother, Abdelrahim Dagalo, a senior RSF commander, denied that the group had attacked the hospital. He blamed the army for the strikes.

The United Nations called on both sides to agree a humanitarian truce. Talks in Jeddah collapsed in December.""",
    },
    {
        "slug": "libya-tripoli-clashes",
        "site": "maghrebpost",
        "format": "html",
        "date": "2025-05-13",
        "title": "Heavy clashes in Tripoli after militia leader killed",
        "body": """Armed groups clashed across southern Tripoli on Monday night after the killing of a powerful militia leader, residents and officials said.

The Stability Support Apparatus (SSA) said its commander, Abdelghani al-Kikli, was shot dead at a military camp in the Salah al-Din district. The Government of National Unity said it had launched an operation "to restore state authority" in the capital.

"We heard heavy gunfire until dawn," said Salma Ben Youssef, a teacher in Abu Salim. "Nobody dares to leave home."

Prime Minister Abdul Hamid Dbeibah wrote on X that the operation had achieved its goals. His office later announced a ceasefire.

Khalifa Haftar, whose forces control eastern Libya, did not comment. Haftar's son Saddam Haftar was in Benghazi on Tuesday, a spokesman said.

Libya has had no unified government since the fall of Muammar Gaddafi in 2011. Older residents still refer to "Qaddafi's time", and French reports spell the name Kadhafi.""",
    },
    {
        "slug": "syria-idlib-airstrike",
        "site": "levantnow",
        "format": "html",
        "date": "2025-02-20",
        "title": "Airstrike on Idlib market kills 12, rescuers say",
        "body": """An airstrike on a crowded market in the town of Ariha in Idlib province killed at least 12 people on Wednesday, the White Helmets rescue group said.

"We pulled children from the rubble with our hands," volunteer Yousef Haddad told reporters at the scene. The group posted a video of rescuers digging through collapsed shops.

The Syrian Observatory for Human Rights (SOHR) said the strike was carried out by government aircraft. The defence ministry in Damascus denied the report, saying in a statement that its planes had only hit "terrorist positions" outside the town.

A second account, from a local council member, said the market had been hit by artillery rather than an aircraft. The claim could not be independently verified.

Ariha lies about 12 kilometres south of Idlib city. The town changed hands several times during the war.""",
    },
    {
        "slug": "mali-gao-ambush",
        "site": "saheldaily",
        "format": "html",
        "date": "2025-11-04",
        "title": "Convoy ambushed near Gao; JNIM claims attack",
        "body": """Militants ambushed a fuel convoy on the road between Gao and Ansongo on Monday, killing at least seven drivers, a regional security source said.

The al-Qaeda-linked group Jama'at Nusrat al-Islam wal-Muslimin (JNIM) claimed the attack in a statement on its Telegram channel, saying its fighters had "destroyed the enemy's supply line".

The Malian army said it had repelled the attackers. "Our units responded vigorously and the road is open," Colonel Souleymane Dembele said in a statement read on state television.

Drivers' union leader Moussa Traore said the union would halt deliveries unless the army escorts every convoy. "We cannot send our members to die," he told the Sahel Daily.

Since September, JNIM has threatened to blockade fuel deliveries to Bamako.""",
    },
    {
        "slug": "drc-goma-m23",
        "site": "greatlakes",
        "format": "html",
        "date": "2025-01-28",
        "title": "M23 rebels enter Goma as residents flee",
        "body": """Rebels of the M23 movement entered Goma on Monday, the largest city in eastern Congo, after government troops withdrew from the airport, witnesses said.

The rebel spokesman, Lawrence Kanyuka, wrote on X that the city had been "liberated" and urged soldiers to surrender at the stadium. Congo's government said the claim was "propaganda" and insisted that the army still held key positions.

"We are still in Goma. We have not abandoned the people," army spokesman General Sylvain Ekenge said in a televised address.

Thousands of people fled towards the Rwandan border at Gisenyi. The United Nations accused Rwanda of supporting the rebels, which Kigali denied.

Goma, the capital of North Kivu province, was briefly occupied by M23 in 2012.""",
    },
    {
        "slug": "colombia-eln-talks",
        "site": "andesreport",
        "format": "html",
        "date": "2025-04-09",
        "title": "Colombia and ELN agree to resume talks in Havana",
        "body": """Colombia's government and the National Liberation Army (ELN) agreed on Tuesday to resume peace talks in Havana next month, negotiators said in a joint statement.

The talks were suspended in January after the ELN attacked a military base in Arauca. President Gustavo Petro said in a speech in Bogota that the government would "not negotiate under fire".

"The door is open, but it will close if the attacks continue," Petro said.

The ELN's chief negotiator, Pablo Beltran, told reporters in Caracas that the group would consider a bilateral ceasefire. "We are ready to talk about everything," Beltran said.

Norway and Cuba, which guarantee the process, welcomed the announcement.""",
    },
    {
        "slug": "haiti-port-au-prince-gangs",
        "site": "caribbeanwire",
        "format": "html",
        "date": "2025-03-03",
        "title": "Gangs attack Port-au-Prince police station",
        "body": """Gangs attacked a police station in the Delmas district of Port-au-Prince on Sunday and set fire to several vehicles, police said.

The gang coalition known as Viv Ansanm claimed the attack. Its leader, the former police officer Jimmy Cherizier, better known as "Barbecue", said in a video posted on social media that the gangs would keep fighting "until the government falls".

Police spokesman Garry Desrosiers said officers had repelled the attack after two hours. "No police officer was killed," he told Radio Caraibes.

The Kenyan-led security mission said it had sent armoured vehicles to Delmas. Residents said some families had fled towards Petion-Ville.

Cherizier has been under United Nations sanctions since 2022.""",
    },
    {
        "slug": "yemen-houthi-red-sea",
        "site": "gulfmonitor",
        "format": "html",
        "date": "2025-07-08",
        "title": "Houthis threaten to strike more ships in Red Sea",
        "body": """Yemen's Houthi movement threatened on Monday to strike any vessel linked to its enemies in the Red Sea, a day after a cargo ship was hit off the port of Hodeidah.

Houthi military spokesman Yahya Saree said in a televised statement that the group had targeted the Liberian-flagged ship with drones and missiles. "We will continue our operations," Saree said.

The ship's operator said the crew had abandoned the vessel and were rescued by a passing tanker. The claim that the ship had sunk could not be confirmed.

Abdulmalik al-Houthi, the movement's leader, warned in a speech on Thursday that shipping companies "will pay the price".

The Houthis, who call themselves Ansar Allah, control Sanaa and most of northern Yemen.""",
    },
    {
        "slug": "pakistan-hyderabad-protest",
        "site": "indusnews",
        "format": "html",
        "date": "2025-08-19",
        "title": "Traders protest power cuts in Hyderabad, Sindh",
        "body": """Hundreds of traders protested outside the electricity company's offices in Hyderabad on Monday, blocking the main road to Karachi for three hours, police said.

The protesters, from the city's cloth market, said daily power cuts of up to ten hours had ruined their businesses. "We pay our bills, and still we sit in the dark," said Ghulam Mustafa Memon, president of the traders' association.

Sindh's energy minister, Nasir Hussain Shah, told the provincial assembly in Karachi that the company had been ordered to reduce the outages. The company blamed the cuts on unpaid bills in several districts.

Hyderabad, the second-largest city in Sindh province, lies on the Indus river about 150 kilometres north-east of Karachi.""",
    },
    {
        "slug": "lebanon-tripoli-clashes",
        "site": "levantnow",
        "format": "html",
        "date": "2025-10-21",
        "title": "Two killed in clashes in Lebanon's Tripoli",
        "body": """Two people were killed in overnight clashes between rival families in the northern Lebanese city of Tripoli, the army said on Tuesday.

The Lebanese army said it had deployed troops to the Bab al-Tabbaneh and Jabal Mohsen districts and arrested five gunmen. "The situation is under control," an army statement said.

Tripoli's mayor, Riad Yamak, appealed for calm. "Our city has paid enough," he wrote on Facebook.

Tripoli, Lebanon's second-largest city, lies on the Mediterranean coast about 85 kilometres north of Beirut. It saw repeated fighting between the two districts between 2008 and 2014.""",
    },
    {
        "slug": "chechnya-kadyrov-telegram",
        "site": "eastdesk",
        "format": "html",
        "date": "2025-12-02",
        "title": "Kadyrov says Chechen units moved to Kursk region",
        "body": """Chechen leader Ramzan Kadyrov said on Monday that new units of his fighters had been moved to the Kursk region, in a post on his Telegram channel.

"Our fighters are ready for any task," Kadyrov wrote. He did not say how many men had been sent.

Ukraine's general staff said it had no evidence of new Chechen units near the border. A Ukrainian military analyst, Mykola Bielieskov, said such announcements were often made "for the television cameras".

Kadyrov's son Adam Kadyrov, 17, was appointed to a senior security post in Grozny last month. The Kremlin did not comment on the announcement.""",
    },
    {
        "slug": "taiwan-strait-drills",
        "site": "pacificledger",
        "format": "html",
        "date": "2025-04-02",
        "title": "China launches drills around Taiwan after Lai speech",
        "body": """China's military launched large-scale drills around Taiwan on Tuesday, days after President Lai Ching-te described the island's government as a "foreign hostile force" in a speech.

The People's Liberation Army (PLA) Eastern Theatre Command said in a statement that the exercises were a "stern warning" to separatist forces. It posted a video on Weibo showing warships and a cartoon of Lai as a bug.

Taiwan's defence ministry said it had detected 71 aircraft and 13 warships near the island and had deployed its own forces in response. "We will not be provoked," defence minister Wellington Koo told reporters in Taipei.

A spokesman for the US State Department urged Beijing to show restraint.""",
    },
    {
        "slug": "nigeria-borno-abduction",
        "site": "westafricawire",
        "format": "html",
        "date": "2025-05-26",
        "title": "Gunmen abduct 40 farmers in Borno",
        "body": """Suspected Boko Haram fighters abducted at least 40 farmers near the village of Kirawa in Borno state on Saturday, local officials said.

"They came on motorcycles and took the men from the fields," said Babagana Umar, a community leader in Gwoza. He said the attackers had demanded a ransom.

The Nigerian army said troops had been deployed to the area and had rescued six of the farmers. The claim could not be independently verified.

Borno state governor Babagana Umara Zulum condemned the abduction and urged farmers to stay away from remote fields. "We will not abandon our people," Zulum said in a statement.

Boko Haram and its rival, the Islamic State West Africa Province (ISWAP), have killed thousands of people in the northeast since 2009.""",
    },
    {
        "slug": "venezuela-election-protest",
        "site": "andesreport",
        "format": "html",
        "date": "2025-08-01",
        "title": "Protesters march in Caracas over disputed vote",
        "body": """Thousands of people marched in Caracas on Thursday to protest against the official result of Sunday's presidential election, which the electoral council says was won by Nicolas Maduro.

Opposition leader Maria Corina Machado told the crowd that the opposition had copies of more than 80 percent of the tally sheets. "The people have spoken, and they have not spoken for Maduro," she said.

Police fired tear gas at protesters near the Miraflores palace, witnesses said. The government said in a statement that "fascist groups" had attacked police officers.

Maduro accused the opposition of planning a coup and said security forces had arrested more than 1,000 people.""",
    },
    {
        "slug": "gaza-cairo-ceasefire",
        "site": "levantnow",
        "format": "html",
        "date": "2025-01-16",
        "title": "Ceasefire deal agreed in Cairo talks",
        "body": """Israel and Hamas agreed on Wednesday to a ceasefire in Gaza after weeks of talks in Cairo and Doha, mediators said.

Qatar's prime minister, Sheikh Mohammed bin Abdulrahman Al Thani, announced the agreement at a news conference in Doha. "The first phase will last 42 days," he said.

Under the deal, Hamas is to release hostages in stages and Israel is to release Palestinian prisoners and withdraw troops from populated areas of Gaza.

Israel's government said some details were still unresolved and that the cabinet would vote on Thursday. A Hamas official, speaking to the Al-Aqsa channel, said the group was committed to the agreement.""",
    },
    {
        "slug": "france-paris-farmers",
        "site": "europebrief",
        "format": "html",
        "date": "2025-02-24",
        "title": "Farmers block roads into Paris",
        "body": """French farmers blocked several motorways leading into Paris on Monday with tractors, demanding lower fuel taxes and fewer environmental rules.

"We are not against the environment, we are against paperwork," said Jerome Bayle, a farmer from the Haute-Garonne who has become a face of the movement.

Agriculture minister Annie Genevard said in an interview with France Inter that the government would present new measures within two weeks.

Police said they had arrested 15 protesters near the Rungis food market south of the capital. Paris is the largest city in France.""",
    },
]
