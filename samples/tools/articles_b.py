"""Plain-text sample articles (with page chrome left in, as copied from web pages), a feed and a WARC."""

TEXT_ARTICLES = [
    {
        "slug": "myanmar-arakan-army",
        "text": """Home | World | Asia | Politics | Opinion
Arakan Army says it seized town in Rakhine state
Published: 18 March 2025
Share
Tweet

The Arakan Army (AA) said on Sunday that it had seized the town of Thandwe in Myanmar's Rakhine state after weeks of fighting with the military.

In a statement on its Telegram channel, the group said its fighters had captured the town's airport and a police battalion headquarters. "The whole of Thandwe is now under our administration," spokesman Khine Thu Kha said.

The military government denied that the town had fallen. Junta spokesman Major General Zaw Min Tun told state media that troops were still defending Thandwe. Independent reports said the army had withdrawn from the airport on Friday.

Photo: Smoke rises over Thandwe. (Image: handout)

Also read: Why the Rakhine offensive matters

The AA is part of the Three Brotherhood Alliance, which launched an offensive against the junta in October 2023.

© 2025 Asia Desk. All rights reserved.
Privacy policy | Terms of use
""",
    },
    {
        "slug": "ethiopia-amhara-fano",
        "text": """Fano militia clashes with army near Gondar

Published: 7 October 2025

Fighters of the Fano militia clashed with federal troops on the outskirts of Gondar in Ethiopia's Amhara region on Saturday, residents said.

A resident said the fighting began at dawn and continued until midday. "We heard heavy weapons for hours," the resident said by phone, asking not to be named.

The federal government said in a statement that the army had "neutralised" a group of "extremists" and restored order. Fano commander Zemene Kassie told the BBC Amharic service that his men had withdrawn after inflicting heavy losses on the army.

Share on Facebook
Share on WhatsApp

Related: Ethiopia's year of conflict in Amhara

The conflict in Amhara began in August 2023, after the federal government ordered regional forces to disband.

Sign up for our newsletter
""",
    },
    {
        "slug": "mexico-culiacan-violence",
        "text": """Shootouts paralyse Culiacan for a second day
By Ana Ruiz | 4 min read
Published: 12 September 2025

Gunmen blocked roads and set vehicles on fire in Culiacan, the capital of Sinaloa state, for a second day on Thursday, as rival factions of the Sinaloa Cartel fought for control of the city.

Sinaloa governor Ruben Rocha Moya said schools would stay closed. "We ask people to stay at home until the army restores calm," Rocha said in a video posted on X.

Defence minister General Ricardo Trevilla Trejo told a news conference in Mexico City that 600 soldiers had been sent to the state. He said troops had arrested 12 suspects and seized weapons.

Advertisement

The fighting pits supporters of Ismael "El Mayo" Zambada against the faction led by the sons of Joaquin Guzman, known as "Los Chapitos".

Most read
""",
    },
    {
        "slug": "somalia-mogadishu-attack",
        "text": """Al-Shabaab attack on Mogadishu hotel ends after 12 hours

Published: 3 June 2025

Somali security forces ended a 12-hour siege of a hotel in Mogadishu on Saturday after al-Shabaab gunmen stormed the building, police said.

Police spokesman Abdifatah Adan Hassan said at least nine civilians and all four attackers had been killed. "Our forces rescued more than 80 people," he told reporters.

Al-Shabaab claimed the attack on its radio station, Radio Andalus, saying its fighters had targeted "government officials and foreign agents".

President Hassan Sheikh Mohamud condemned the attack and vowed to continue the offensive against the group. A witness, Farhan Ali, said he heard two explosions before the gunmen entered.

Photo credit: Reuters
""",
    },
    {
        "slug": "india-hyderabad-floods",
        "text": """Floods swamp low-lying areas of Hyderabad

Published: 21 July 2025

Heavy rain flooded low-lying neighbourhoods of Hyderabad on Sunday, and officials in Telangana evacuated more than 2,000 people from homes along the Musi river.

Chief minister Revanth Reddy said in a post on X that disaster response teams had been deployed across the city. "Stay indoors and follow official advice," he wrote.

The India Meteorological Department (IMD) warned that more rain was expected until Wednesday. Hyderabad, the capital of Telangana, has more than ten million residents.
""",
    },
    {
        "slug": "iran-tehran-protests",
        "text": """Strikes spread in Tehran bazaar

Published: 4 January 2026

Shopkeepers in Tehran's Grand Bazaar closed their stores for a third day on Saturday in protest against the fall of the rial, witnesses said.

Videos shared on Instagram showed crowds chanting slogans near the bazaar's main gate. One video caption read: "The bazaar is closed, the people are awake."

The head of the judiciary, Gholamhossein Mohseni-Ejei, warned that "rioters" would be punished. Supreme leader Ali Khamenei said in a speech on Friday that the country's enemies were behind the unrest. Khamenei's office said the speech was delivered to a group of clerics from Qom.

Iranian state media reported that police had arrested dozens of people in Tehran and Mashhad.
""",
    },
    {
        "slug": "iraq-mosul-drone",
        "text": """Drone strike near Mosul kills two militants, army says

Published: 9 April 2025

Iraqi aircraft killed two Islamic State militants in a drone strike in the Badush mountains west of Mosul on Tuesday, the Iraqi military said.

The Joint Operations Command said in a statement that the strike had destroyed a hideout used by the group. "The terrorists were planning attacks on civilians in Nineveh," the statement said.

Kurdish Peshmerga commander Sirwan Barzani said his forces had supported the operation with intelligence. Islamic State did not comment.

Mosul, the capital of Nineveh province, was held by Islamic State from 2014 until 2017.
""",
    },
    {
        "slug": "us-bush-namesakes",
        "text": """Two presidents, one name: the Bush family in Texas

Published: 15 November 2025

George H. W. Bush, the 41st president of the United States, and his son George W. Bush, the 43rd, are often confused in school essays, a Texas history teacher says.

George H. W. Bush served from 1989 to 1993. His son George W. Bush served from 2001 to 2009, after serving as governor of Texas. The elder Bush died in Houston in 2018.

"Students mix up the two Bush presidencies all the time," said Maria Delgado, who teaches in College Station. "The letters in the middle matter."

Jeb Bush, the brother of George W. Bush, was governor of Florida.
""",
    },
    {
        "slug": "ukraine-kharkiv-shelling-syndicated",
        "text": """Overnight shelling hits Kharkiv power station
Published: 14 March 2025

Russian forces shelled a power station in Kharkiv overnight, cutting electricity to thousands of homes, the regional governor said on Friday.

Governor Oleh Syniehubov wrote on Telegram that two workers had been wounded and that repair crews were already at the site. "The city is holding. Crews are restoring power block by block," he posted.

President Volodymyr Zelensky condemned the strike in an evening address. "Every strike on our energy system is a strike on civilians," Zelenskyy said, calling on partners to send more air-defence systems.

The Russian defence ministry said in a statement that its troops had struck "military infrastructure" in the Kharkov region and denied targeting civilian facilities.

Kharkiv, Ukraine's second-largest city, lies about 30 kilometres from the Russian border. Ukrainian troops recaptured several villages north of the city last September.

In a tweet, the mayor, Ihor Terekhov, urged residents to charge their phones while power lasts. "#Kharkiv will not go dark," he wrote. (Syndicated copy.)
""",
    },
]

FEED_ENTRIES = [
    {
        "title": "Azerbaijan and Armenia sign border deal",
        "link": "https://caucasus.example.org/2025/08/border-deal",
        "date": "Fri, 08 Aug 2025 14:00:00 GMT",
        "body": """<p>Armenia and Azerbaijan signed an agreement on Friday to mark part of their shared border, officials in Baku and Yerevan said.</p>
<p>Armenian prime minister Nikol Pashinyan said in a statement that the deal was "a step towards lasting peace". Azerbaijan's foreign ministry said the two sides would continue talks on the remaining sections.</p>
<p>Share this article</p>""",
    },
    {
        "title": "Floods displace thousands in Sylhet",
        "link": "https://southasia.example.org/2025/06/sylhet-floods",
        "date": "Tue, 17 Jun 2025 09:30:00 GMT",
        "body": """<p>Flash floods displaced more than 50,000 people in the Sylhet division of north-eastern Bangladesh on Monday, disaster officials said.</p>
<p>"Water entered our house at night, we saved nothing," said Rahima Begum, who fled to a school shelter in Sunamganj.</p>
<p>The army deployed boats to rescue stranded families.</p>""",
    },
    {
        "title": "Sri Lanka releases fishermen",
        "link": "https://southasia.example.org/2025/03/fishermen",
        "date": "Mon, 10 Mar 2025 11:00:00 GMT",
        "body": """<p>Sri Lanka's navy released 22 Indian fishermen on Sunday who had been arrested for fishing in Sri Lankan waters near Jaffna, officials said.</p>
<p>Tamil Nadu chief minister M. K. Stalin welcomed the release and urged New Delhi to seek a permanent solution.</p>""",
    },
]

WARC_PAGES = [
    {
        "url": "https://eastafrica.example.org/2025/06/nairobi-protests",
        "title": "Police fire tear gas at Nairobi protesters",
        "date": "2025-06-26",
        "body": """Police fired tear gas at protesters in central Nairobi on Wednesday as thousands marched to mark the anniversary of last year's demonstrations against tax increases.

"We are here for those who were killed," said Wanjiru Kamau, a student who joined the march. Interior minister Kipchumba Murkomen said in a statement that the police had shown restraint.

The Kenya National Commission on Human Rights said at least eight people had been killed in Nairobi and other towns.""",
    },
    {
        "url": "https://asiapacific.example.org/2025/10/mindanao-clash",
        "title": "Soldiers and rebels clash in Mindanao",
        "date": "2025-10-15",
        "body": """Philippine soldiers clashed with communist New People's Army (NPA) rebels in the mountains of Bukidnon province on Tuesday, the army said.

Lieutenant Colonel Ronaldo Cruz said two rebels had been killed and that troops had seized rifles and explosives. The NPA did not comment.

The rebels have waged an insurgency since 1969.""",
    },
]
