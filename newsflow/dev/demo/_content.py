"""Article texts of the bundled demo sites (all fictional, written for newsflow).

Edited by hand; ``python -m newsflow.dev.demo.build_site`` turns them into ``site/``.
Every outlet, person and company below is invented. Real countries and
international bodies appear only as neutral background for fictional events.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# The Global Wire story that both site-a and site-b carry (syndication group).
# site-a runs the full copy; site-b runs a lightly edited copy without the last
# paragraph, a different dateline and extra boilerplate.
# ---------------------------------------------------------------------------
WIRE_TARSEN = [
    "Veldoria and Kastrany agreed on Tuesday to reopen the Tarsen border crossing to trucks and passenger "
    "traffic from December 15, ending a 14-month closure that stranded freight, split families and cost "
    "traders in both countries an estimated $600 million.",
    "The deal was announced after two days of talks in the Veldorian capital between the two countries' "
    "foreign ministers, mediated by a special envoy of the United Nations who had shuttled between the "
    "capitals since the summer.",
    "Under the agreement, customs officers from both sides will work from a joint inspection hall on the "
    "Veldorian bank of the Tarsen river, and a two-kilometre demilitarised strip on either side of the "
    "bridge will be monitored by unarmed international observers, according to a copy of the text seen by "
    "Global Wire.",
    "“This is not the end of our disagreement over where the border runs, but it is the end of punishing "
    "ordinary people for it,” Veldoria's foreign minister told reporters at a joint news conference with "
    "her Kastrani counterpart.",
    "Kastrany's delegation said parliament would be asked to ratify the arrangement within 30 days. "
    "Opposition lawmakers in Kastrany have criticised the talks, saying the government has quietly given up "
    "its claim to a disputed hydroelectric dam upstream of the crossing.",
    "The crossing was shut in September 2025 after a shooting incident in which two border guards were "
    "wounded. Each government blamed the other, and a series of tit-for-tat expulsions of diplomats followed "
    "over the next three months.",
    "Hauliers' associations on both sides welcomed the news but warned that a backlog of more than 3,000 "
    "trucks registered for the route would take weeks to clear once the barriers go up.",
]


def _wire_tarsen_site_b() -> list[str]:
    """site-b's copy: last paragraph dropped and a handful of words edited."""
    paras = list(WIRE_TARSEN[:-1])
    paras[0] = (
        "Veldoria and Kastrany agreed Tuesday to reopen the Tarsen border crossing to lorries and passenger "
        "traffic from December 15, ending a 14-month closure that stranded freight, split families and cost "
        "traders in both countries an estimated 600 million U.S. dollars."
    )
    paras[1] = paras[1].replace("since the summer", "since July")
    paras[5] = paras[5].replace("Each government blamed the other", "Both governments blamed each other")
    return paras


# Field notes:
#   id        stable id used by manifest.json
#   site      site-a | site-b | site-c
#   path      URL path on that site
#   topic     geopolitics | celebrity | other  (expected classification)
#   published ISO 8601 with offset
#   date_style how the page exposes its date (see build_site.py)
#   dateline  text put in front of the first paragraph ("" for none)
#   read_more list of (insert-after-paragraph-index, link text, href) "READ MORE:" lines
ARTICLES: list[dict] = [
    # ------------------------------------------------------------------ site-a
    {
        "id": "a-tarsen-crossing",
        "site": "site-a",
        "path": "/2026/11/24/veldoria-kastrany-agree-to-reopen-tarsen-border-crossing/",
        "post_id": 4821,
        "topic": "geopolitics",
        "section": "World",
        "headline": "Veldoria and Kastrany agree to reopen Tarsen border crossing after 14-month closure",
        "author": "Hanna Lindqvist, Global Wire",
        "published": "2026-11-24T07:42:00+00:00",
        "date_style": "jsonld+meta",
        "dateline": "VELMORA, Nov 24 (Global Wire) –",
        "tags": ["Veldoria", "Kastrany", "Border disputes", "Diplomacy"],
        "syndication_group": "wire-tarsen-crossing",
        "paragraphs": WIRE_TARSEN,
        "read_more": [(3, "Tarsen closure: the town where the trucks stopped", "/2026/03/02/tarsen-closure-the-town-where-the-trucks-stopped/")],
    },
    {
        "id": "a-eu-shadow-fleet-sanctions",
        "site": "site-a",
        "path": "/2026/11/19/eu-adopts-sanctions-package-targeting-tanker-shadow-fleet/",
        "post_id": 4790,
        "topic": "geopolitics",
        "section": "World",
        "headline": "EU adopts new sanctions package targeting tanker ‘shadow fleet’",
        "author": "Claire Dumont",
        "published": "2026-11-19T16:20:00+00:00",
        "date_style": "jsonld",
        "dateline": "BRUSSELS –",
        "tags": ["European Union", "Sanctions", "Shipping"],
        "paragraphs": [
            "European Union foreign ministers on Wednesday approved a fresh round of sanctions aimed at the ageing "
            "tankers used to move oil around the bloc's price cap, adding 47 vessels to a list of ships barred from "
            "EU ports, insurers and maintenance yards.",
            "The package also bans EU companies from selling second-hand tankers to buyers who cannot show where the "
            "ships will trade, a loophole diplomats say allowed dozens of vessels to change hands through shell "
            "companies registered in third countries.",
            "Agreement came after a week of late-night haggling. One member state had held out until it received "
            "written assurances that pipeline deliveries to landlocked refineries would not be affected, according to "
            "two officials involved in the talks.",
            "“Every ship on this list is old, poorly insured and sailing under a flag of convenience,” one senior "
            "EU diplomat said after the meeting. “This is about enforcement as much as it is about pressure.”",
            "Environmental groups welcomed the measures, pointing to a string of near-misses in the Baltic and the "
            "Danish straits involving tankers with lapsed insurance. Shipping analysts were more cautious, noting that "
            "earlier listings had mostly pushed vessels towards longer routes rather than out of service.",
            "The sanctions take effect once they are published in the EU's Official Journal, expected later this week. "
            "Ministers said work on a further package, focused on banks that process payments for the trade, would "
            "begin in January.",
        ],
        "read_more": [(2, "Explained: how the oil price cap works, and why it leaks", "/2026/10/08/explained-how-the-oil-price-cap-works/")],
    },
    {
        "id": "a-pacific-boundary-summit",
        "site": "site-a",
        "path": "/2026/11/21/pacific-leaders-press-for-binding-sea-level-boundary-treaty/",
        "post_id": 4803,
        "topic": "geopolitics",
        "section": "World",
        "headline": "Pacific leaders press for binding treaty to fix maritime boundaries as seas rise",
        "author": "Tevita Lautaha",
        "published": "2026-11-21T05:10:00+00:00",
        "date_style": "meta",
        "dateline": "SUVA –",
        "tags": ["Pacific", "Summits", "Climate", "Law of the sea"],
        "paragraphs": [
            "Leaders of 16 Pacific island states closed a three-day summit in Suva on Saturday with a call for a "
            "binding international treaty guaranteeing that maritime boundaries stay fixed even if rising seas "
            "swallow the coastlines they were drawn from.",
            "Under current practice, a country's exclusive economic zone is measured from its shoreline. Island "
            "governments fear that as low-lying atolls erode, larger powers could argue that their fishing grounds "
            "and seabed rights shrink too.",
            "The summit communiqué asks members to table a resolution at the UN General Assembly next year and "
            "invites “all partners who respect the rules-based order at sea” to co-sponsor it. Several leaders said "
            "privately that they expected support from Australia and New Zealand but were less certain about other "
            "large fishing nations.",
            "“Our maps cannot be allowed to drown with our beaches,” one island leader told the closing session, "
            "to applause from delegates.",
            "The leaders also agreed to pool money for a regional coastguard aviation unit to patrol against illegal "
            "fishing, and to set up a standing secretariat office for climate-related legal cases.",
        ],
    },
    {
        "id": "a-vane-calloway-lisbon",
        "site": "site-a",
        "path": "/2026/11/26/marisol-vane-and-jett-calloway-spark-romance-rumours-in-lisbon/",
        "post_id": 4850,
        "topic": "celebrity",
        "section": "Showbiz",
        "headline": "Marisol Vane and Jett Calloway spark romance rumours with cosy Lisbon getaway",
        "author": "Bex Harding, Showbiz Reporter",
        "published": "2026-11-26T18:05:00+00:00",
        "date_style": "jsonld+meta",
        "dateline": "",
        "tags": ["Marisol Vane", "Jett Calloway", "Celebrity couples"],
        "paragraphs": [
            "Marisol Vane and Jett Calloway have sent fans into a frenzy after they were pictured strolling hand in "
            "hand through Lisbon's old town, just weeks after the actress was first linked to the chart-topping "
            "singer.",
            "The pair, who met on the set of Calloway's music video for Paper Moons in the summer, were spotted "
            "sharing pastries at a café in Alfama before ducking into a vintage record shop, where onlookers said the "
            "singer bought her a stack of old fado albums.",
            "“They looked completely loved-up and didn't care who saw them,” one holidaymaker told the Daily Ledger. "
            "“He had his arm around her the whole time and they were laughing like teenagers.”",
            "Vane, 31, split from her long-term partner, the film producer Adrian Koss, in the spring. Calloway, 28, "
            "has kept his love life largely out of the headlines since his break-up with the stylist Tamsin Rae "
            "last year.",
            "Representatives for both stars declined to comment on the relationship. Vane is due back in London "
            "next month to begin rehearsals for a West End revival, while Calloway's world tour resumes in Berlin "
            "in January.",
        ],
        "read_more": [(1, "Jett Calloway: ‘I write every song like it's my last’", "/2026/09/12/jett-calloway-i-write-every-song-like-its-my-last/")],
    },
    {
        "id": "a-dax-orrin-villa-heat",
        "site": "site-a",
        "path": "/2026/11/23/dax-orrin-breaks-silence-on-villa-heat-reunion-row/",
        "post_id": 4811,
        "topic": "celebrity",
        "section": "TV",
        "headline": "Dax Orrin breaks silence on Villa Heat reunion row: ‘I was edited as the villain’",
        "author": "Bex Harding, Showbiz Reporter",
        "published": "2026-11-23T21:30:00+00:00",
        "date_style": "jsonld",
        "dateline": "",
        "tags": ["Villa Heat", "Dax Orrin", "Reality TV"],
        "paragraphs": [
            "Reality star Dax Orrin has hit back at his former Villa Heat castmates after Sunday's explosive reunion "
            "special, claiming that he was “edited as the villain” and that producers cut his apology to fellow "
            "contestant Priya Lomax.",
            "In a lengthy video posted to his 2.3 million followers, the 27-year-old personal trainer said the "
            "reunion had been “a set-up from start to finish” and that he had been told he would be given the chance "
            "to clear the air privately before filming.",
            "The row began when Lomax accused Orrin of spreading rumours about her during their time in the villa, "
            "prompting a shouting match that ended with host Carla Benn calling an early break. Viewers complained "
            "to the broadcaster about the scenes, with some calling the segment “uncomfortable to watch”.",
            "“I said sorry to Priya three times and none of it made the edit,” Orrin said. “I'm not perfect, but "
            "I'm not the person they showed you.”",
            "A spokesperson for the show said the reunion had been edited “fairly and for time” and that all cast "
            "members had access to welfare support before and after filming. Lomax has not responded publicly, "
            "although she posted a photo captioned “peace and quiet” shortly after Orrin's video went live.",
        ],
    },
    {
        "id": "a-hartwell-bakeries",
        "site": "site-a",
        "path": "/2026/11/20/hartwell-foods-to-close-two-bakeries/",
        "post_id": 4795,
        "topic": "other",
        "section": "Business",
        "headline": "Hartwell Foods to close two bakeries as flour and energy costs bite",
        "author": "Sam Okafor, Business Correspondent",
        "published": "2026-11-20T09:00:00+00:00",
        "date_style": "meta",
        "dateline": "",
        "tags": ["Hartwell Foods", "Retail", "Jobs"],
        "paragraphs": [
            "Hartwell Foods, the maker of Golden Crust bread and Hartwell's crumpets, is to close two of its seven "
            "bakeries next spring, putting about 380 jobs at risk.",
            "The company said production at its sites in Dunmore and Eastleigh Vale would move to larger plants "
            "over the next six months, blaming a 19 per cent rise in flour prices over the past year and energy bills "
            "that remain well above their pre-2022 levels.",
            "“These are sites with a proud history and a skilled, loyal workforce, and this has been a very difficult "
            "decision,” chief executive Ruth Pemberton said in a statement. The company said it would try to offer "
            "roles at other bakeries to as many staff as possible.",
            "The bakers' union said it would fight the closures and accused the firm of putting dividends ahead of "
            "workers, pointing to a £42 million payout to shareholders in the summer.",
            "Shares in Hartwell rose 3 per cent in morning trading as analysts welcomed the cost savings, which the "
            "company expects to reach £18 million a year by 2028.",
        ],
    },
    {
        "id": "a-storm-imelda",
        "site": "site-a",
        "path": "/2026/11/25/storm-imelda-gusts-of-up-to-90mph-forecast/",
        "post_id": 4838,
        "topic": "other",
        "section": "Weather",
        "headline": "Storm Imelda: gusts of up to 90mph forecast for western coasts",
        "author": "Daily Ledger Weather Desk",
        "published": "2026-11-25T11:45:00+00:00",
        "date_style": "jsonld+meta",
        "dateline": "",
        "tags": ["Weather", "Storms", "Travel"],
        "paragraphs": [
            "Forecasters have issued amber wind warnings for much of the west coast as Storm Imelda, the ninth named "
            "storm of the season, approaches from the Atlantic on Thursday night.",
            "Gusts of 70 to 80mph are expected widely along exposed coasts and headlands, with up to 90mph possible "
            "over the highest ground. Heavy rain could bring 60mm to parts of the hills within 12 hours.",
            "Ferry operators have already cancelled Friday morning sailings on several island routes, and rail "
            "companies have warned of speed restrictions and likely cancellations on coastal lines.",
            "“This is a potent storm arriving at a time when the ground is already saturated, so we expect some "
            "trees to come down and there is a risk of power cuts,” a senior forecaster said. “People should check "
            "before they travel and secure loose items such as garden furniture and trampolines.”",
            "Conditions are expected to ease from the west on Saturday afternoon, although a further spell of "
            "unsettled weather is likely early next week.",
        ],
    },
    {
        "id": "a-black-friday-kitchen-deals",
        "site": "site-a",
        "path": "/2026/11/27/black-friday-kitchen-deals/",
        "post_id": 4862,
        "topic": "other",
        "section": "Deals",
        "headline": "Black Friday 2026: 21 kitchen deals worth buying, from air fryers to stand mixers",
        "author": "Priya Nandakumar, Deals Editor",
        "published": "2026-11-27T06:00:00+00:00",
        "date_style": "jsonld",
        "dateline": "",
        "tags": ["Black Friday", "Deals", "Kitchen"],
        "paragraphs": [
            "Black Friday has arrived and the kitchen aisle is, as ever, where some of the deepest discounts are "
            "hiding. We have sifted through hundreds of offers to find the ones that are genuinely cheaper than "
            "their usual price, rather than simply marked down from an inflated one.",
            "Our pick of the air fryers is the Korvo Duo 9L, down from £179 to £99 at Homeline. Its two drawers "
            "can cook at different temperatures and finish at the same time, which makes it the one we would buy "
            "for a family.",
            "If you have been waiting to upgrade your stand mixer, the Brennet Artisan 5.5 is down to £249 from "
            "£399 in four colours. Use the code LEDGER10 at checkout for a further 10 per cent off until midnight "
            "on Monday.",
            "Cheaper wins include a set of three Forde non-stick frying pans for £34.99 (was £69.99), and the Aldane "
            "digital probe thermometer for £12, its lowest price this year according to our price tracker.",
            "Remember that many retailers now match Black Friday prices until Cyber Monday, so it is worth checking "
            "price-history tools before you buy. We will be updating this page throughout the weekend as new deals "
            "go live and old ones sell out.",
        ],
        "read_more": [(2, "The best coffee machines of 2026, tested", "/2026/06/30/best-coffee-machines-tested/")],
    },
    # ------------------------------------------------------------------ site-b
    {
        "id": "b-tarsen-crossing",
        "site": "site-b",
        "path": "/world/202611/24/t20261124_81234567.html",
        "topic": "geopolitics",
        "section": "World",
        "headline": "Tarsen crossing to reopen as Veldoria, Kastrany strike border deal",
        "author": "Global Wire",
        "source": "Global Wire",
        "editor": "Zhou Ning",
        "published": "2026-11-24T16:05:00+08:00",
        "date_style": "visible+meta",
        "dateline": "Velmora, 24 November 2026 (Global Wire) --",
        "syndication_group": "wire-tarsen-crossing",
        "paragraphs": _wire_tarsen_site_b(),
        "disclaimer": True,
    },
    {
        "id": "b-asean-sea-code",
        "site": "site-b",
        "path": "/world/202611/20/t20261120_81230158.html",
        "topic": "geopolitics",
        "section": "World",
        "headline": "ASEAN ministers set timetable for final round of maritime code of conduct talks",
        "author": "Lim Wei Jie",
        "source": "Eastbridge News",
        "editor": "Chen Yue",
        "published": "2026-11-20T21:12:00+08:00",
        "date_style": "visible",
        "dateline": "KUALA LUMPUR, Nov. 20 --",
        "paragraphs": [
            "Foreign ministers of the Association of Southeast Asian Nations on Thursday agreed a timetable for what "
            "they described as the final round of negotiations on a code of conduct for the South China Sea, with "
            "the aim of concluding a text by the end of next year.",
            "Meeting in Kuala Lumpur, the ministers said working groups would meet monthly from February and that "
            "outstanding questions over the geographic scope of the code and whether it would be legally binding "
            "would be handled at senior officials' level.",
            "A joint statement urged all parties to “exercise self-restraint, avoid actions that could complicate "
            "the situation and resolve disputes through peaceful means in accordance with international law”.",
            "Diplomats said the mood in the closed-door sessions was more constructive than at previous meetings, "
            "although two member states pushed for stronger language on incidents involving coastguard vessels near "
            "disputed reefs.",
            "Negotiations on the code began more than two decades ago. Analysts in the region have cautioned that "
            "earlier deadlines have slipped repeatedly and that the hardest questions remain unresolved.",
            "The ministers also discussed the humanitarian situation in Myanmar and preparations for next year's "
            "leaders' summit.",
        ],
    },
    {
        "id": "b-almaty-water-accord",
        "site": "site-b",
        "path": "/world/202611/26/t20261126_81236012.html",
        "topic": "geopolitics",
        "section": "World",
        "headline": "Central Asian leaders sign water-sharing accord at Almaty summit",
        "author": "Aruzhan Sadykova",
        "source": "Eastbridge News",
        "editor": "Chen Yue",
        "published": "2026-11-26T19:40:00+08:00",
        "date_style": "visible+meta",
        "dateline": "ALMATY, Nov. 26 --",
        "paragraphs": [
            "The presidents of five Central Asian states signed an accord on Wednesday to share data on river flows "
            "and coordinate releases from upstream reservoirs, a step diplomats described as the most significant "
            "regional water agreement since the 1990s.",
            "Under the accord, signed at the close of a one-day summit in Almaty, the countries will set up a joint "
            "monitoring centre and publish daily readings from gauging stations on the Syr Darya and Amu Darya "
            "basins.",
            "Downstream states have long complained that winter releases from hydropower dams flood their fields, "
            "while summer shortages leave cotton and wheat farmers without water. Upstream governments argue that "
            "they need the electricity to get through cold winters.",
            "“Water must stop being a source of tension between neighbours and become a reason to work together,” "
            "the leaders' final declaration said.",
            "The leaders also agreed to study a regional electricity market and to hold the next summit in Dushanbe "
            "in 2027. Observers from the European Union and several development banks attended the signing.",
        ],
    },
    {
        "id": "b-kiki-laurent-gown",
        "site": "site-b",
        "path": "/ent/202611/22/t20261122_81231740.html",
        "topic": "celebrity",
        "section": "Entertainment",
        "headline": "Kiki Laurent stuns in 40,000-crystal gown at Golden Lantern Awards",
        "author": "Ivy Zhang",
        "source": "Eastbridge Entertainment",
        "editor": "Liu Mei",
        "published": "2026-11-22T23:18:00+08:00",
        "date_style": "visible",
        "dateline": "",
        "paragraphs": [
            "Singer Kiki Laurent stole the show at the Golden Lantern Awards on Saturday night, arriving on the red "
            "carpet in a silver gown hand-stitched with more than 40,000 crystals.",
            "The dress, created by the Paris-based designer Oren Valcourt, took a team of 14 seamstresses more than "
            "600 hours to finish, according to the fashion house. Laurent completed the look with a pair of "
            "diamond ear cuffs and slicked-back hair.",
            "Fans flooded social media with praise, with one calling the outfit “a disco ball come to life”. The "
            "hashtag #KikiGoldenLantern was trending within an hour of her arrival.",
            "Laurent, 26, went on to win best female vocalist for her album Neon Orchard, thanking her mother "
            "and “everyone who streamed the album on the bus to work”.",
            "Other arrivals included the actor Rowan Ashby, who walked the carpet alone, and the reality TV couple "
            "Nova Sterling and Kai Mendes in matching white suits.",
        ],
    },
    {
        "id": "b-ashby-divorce",
        "site": "site-b",
        "path": "/ent/202611/25/t20261125_81235523.html",
        "topic": "celebrity",
        "section": "Entertainment",
        "headline": "Rowan Ashby and Lena Ashby confirm divorce after 11 years of marriage",
        "author": "Ivy Zhang",
        "source": "Eastbridge Entertainment",
        "editor": "Liu Mei",
        "published": "2026-11-25T10:02:00+08:00",
        "date_style": "visible+meta",
        "dateline": "",
        "paragraphs": [
            "Actor Rowan Ashby and his wife, the interior designer Lena Ashby, have confirmed that they are "
            "divorcing after 11 years of marriage, days after he appeared without his wedding ring at the Golden "
            "Lantern Awards.",
            "In a joint statement shared on Instagram, the couple said they had “grown in different directions” and "
            "would remain “best friends and devoted parents” to their two children.",
            "“We ask for kindness and privacy as we take this next step as a family,” the statement read. It was "
            "liked more than a million times within hours.",
            "The pair met in 2013 when Lena designed the set of Ashby's first stage play and married two years later "
            "in a small ceremony in the Lake District. Ashby, 41, is best known for playing the detective Tom Kestrel "
            "in the long-running crime drama Harbour Lights.",
            "Friends of the couple said the split was amicable. A source close to the actor said there was “no one "
            "else involved” and that the two had been living apart since the summer.",
        ],
    },
    {
        "id": "b-perovskite-record",
        "site": "site-b",
        "path": "/tech/202611/18/t20261118_81228804.html",
        "alternate_paths": ["/tech/202611/18/t20261118_81228804.html?utm_source=rss&utm_medium=feed&utm_campaign=tech"],
        "topic": "other",
        "section": "Science",
        "headline": "Flexible perovskite solar cell sets efficiency record, researchers say",
        "author": "Gao Rui",
        "source": "Eastbridge News",
        "editor": "Sun Jia",
        "published": "2026-11-18T14:30:00+08:00",
        "date_style": "visible+meta",
        "dateline": "",
        "paragraphs": [
            "A team of materials scientists says it has built a flexible perovskite solar cell that converts 27.1 "
            "per cent of sunlight into electricity, a record for cells that can be bent and rolled.",
            "The device, described in a paper published on Wednesday, uses a thin buffer layer of a modified polymer "
            "between the perovskite crystals and the plastic substrate, which the researchers say reduces defects "
            "that form when the material flexes.",
            "Flexible cells could be fitted to vehicle roofs, tents or the curved surfaces of buildings, but have "
            "trailed rigid glass-backed panels in efficiency. The new result closes much of that gap.",
            "Durability remains the main obstacle. The team reported that its cells kept 91 per cent of their "
            "starting efficiency after 1,000 hours under continuous light at 65 degrees Celsius, better than earlier "
            "flexible designs but still short of the 25-year lifetime expected of rooftop panels.",
            "Independent researchers called the result encouraging but said the certified measurement should be "
            "repeated on larger modules before commercial claims could be made.",
        ],
    },
    {
        "id": "b-harbour-city-cup",
        "site": "site-b",
        "path": "/sports/202611/23/t20261123_81232297.html",
        "topic": "other",
        "section": "Sports",
        "headline": "Harbour City edge Riverside 3-2 to reach Eastern Cup semi-finals",
        "author": "Marcus Ho",
        "source": "Eastbridge Sports",
        "editor": "Sun Jia",
        "published": "2026-11-23T22:55:00+08:00",
        "date_style": "visible",
        "dateline": "",
        "paragraphs": [
            "Harbour City came from behind to beat Riverside 3-2 in a thrilling quarter-final on Sunday night and "
            "book their place in the last four of the Eastern Cup for the first time in nine years.",
            "Riverside led twice through a Tomas Reyna header and a deflected free kick from captain Ade Bakare, but "
            "Harbour City equalised each time and won it in the 88th minute when substitute Leo Chan swept in a "
            "low cross from the left.",
            "“The boys never stopped believing, even when the second goal went in off the wall,” Harbour City coach "
            "Dario Vitale said. “That is the spirit we have been building all season.”",
            "A crowd of 18,412, the biggest at the Dockside Stadium this year, stayed long after the final whistle "
            "to celebrate with the players.",
            "Harbour City will face holders Northgate United in the semi-finals next month, while Riverside turn their "
            "attention back to the league, where they sit third.",
        ],
    },
    {
        "id": "b-sterling-mendes-wedding",
        "site": "site-b",
        "path": "/ent/202611/27/t20261127_81237345.html",
        "topic": "celebrity",
        "section": "Entertainment",
        "headline": "Influencer couple Nova Sterling and Kai Mendes marry in secret beach ceremony",
        "author": "Ivy Zhang",
        "source": "Eastbridge Entertainment",
        "editor": "Liu Mei",
        "published": "2026-11-27T12:20:00+08:00",
        "date_style": "visible",
        "dateline": "",
        "paragraphs": [
            "Social media stars Nova Sterling and Kai Mendes have married in a secret sunset ceremony on a beach "
            "in Bali, surprising millions of followers who had been told the wedding would take place next summer.",
            "The couple, who met as contestants on the dating show Villa Heat three years ago, revealed the news "
            "with a video of their barefoot vows, which was viewed more than 20 million times in a day.",
            "Sterling wore a backless lace gown by the Milan label Ferra Sposa, while Mendes wore a linen suit. Only "
            "22 guests were invited, including the singer Kiki Laurent, who performed during the reception.",
            "“We wanted one day that was just for us, no cameras, no sponsors,” Sterling wrote. “Okay, one camera.”",
            "The couple said they would still hold a larger party for family and friends next year, and hinted that "
            "a documentary about their relationship was in the works.",
        ],
    },
    # ------------------------------------------------------------------ site-c
    {
        "id": "c-nordic-baltic-air-defence",
        "site": "site-c",
        "path": "/news/2026/11/22/world/nordic-baltic-air-defence-package-41187.html",
        "topic": "geopolitics",
        "section": "World",
        "headline": "Nordic and Baltic states pledge joint air-defence package for Ukraine",
        "author": "Wire and staff reports",
        "published": "2026-11-22T14:05:00-05:00",
        "date_style": "time",
        "dateline": "",
        "paragraphs": [
            "Eight Nordic and Baltic countries announced a joint military aid package for Ukraine on Saturday, "
            "worth about $2.1 billion, focused on air-defence systems, interceptor missiles and radar.",
            "Defence ministers meeting in Riga said the package would be financed from a common fund, with each "
            "country contributing in proportion to its economy, and delivered over the next 18 months.",
            "The largest share will go to short- and medium-range air-defence batteries and spare parts for systems "
            "already in use, along with training for crews at sites in the region.",
            "“Protecting cities and power plants through the winter is the most urgent need we hear from Kyiv,” "
            "one of the ministers said at a press conference after the talks.",
            "The package comes as European governments look for ways to keep supplies flowing while negotiations "
            "over a longer-term EU support fund continue in Brussels.",
            "Officials did not say when the first deliveries would arrive, citing security reasons.",
        ],
    },
    {
        "id": "c-orlan-border-talks",
        "site": "site-c",
        "path": "/news/2026/11/26/world/orlan-river-border-talks-collapse-41262.html",
        "topic": "geopolitics",
        "section": "World",
        "headline": "Orlan river border talks collapse as Serevia and Dushan recall envoys",
        "author": "Courier Foreign Desk",
        "published": "2026-11-26T09:30:00-05:00",
        "date_style": "posted",
        "dateline": "",
        "br_paragraphs": True,
        "paragraphs": [
            "Talks aimed at settling a decades-old dispute over the Orlan river border between Serevia and Dushan "
            "broke down on Thursday, and both governments recalled their ambassadors for consultations.",
            "The two neighbours have argued since independence over the course of the frontier along a 40-mile "
            "stretch of the river, which has shifted several hundred yards in places since the line was first mapped "
            "in the 1930s.",
            "Serevia's foreign ministry said Dushan had walked away from a draft that both teams had initialled in "
            "September. Dushan's government said the draft had never been final and accused Serevia of moving troops "
            "closer to two disputed islands during the talks.",
            "Regional mediators urged both sides to avoid military moves and to return to the table. Farmers on the "
            "islands, who hold land titles from both countries, say they have been caught in the middle for years.",
            "The collapse is a setback for a process that began last year with a ceasefire on the river and a joint "
            "commission on fishing rights. Diplomats said a new round was unlikely before the spring.",
        ],
    },
    {
        "id": "c-calloway-tamsin-rae",
        "site": "site-c",
        "path": "/news/2026/11/27/entertainment/tamsin-rae-responds-to-calloway-lyrics-41275.html",
        "topic": "celebrity",
        "section": "Entertainment",
        "headline": "Tamsin Rae responds to ex Jett Calloway's ‘Glass House’ lyrics",
        "author": "Jenna Pruitt",
        "published": "2026-11-27T16:45:00-05:00",
        "date_style": "time",
        "dateline": "",
        "paragraphs": [
            "Stylist Tamsin Rae has responded to fans who believe Jett Calloway's new single Glass House is about "
            "their break-up, posting a cryptic message that has fuelled a week of online speculation.",
            "The song, released last Friday, includes the lines “you dressed me up for other people / then left me "
            "in the cold”, which many listeners took as a reference to Rae, who styled the singer's tours for three "
            "years.",
            "On Wednesday Rae shared a picture of a broken mirror with the caption “some of us were busy doing the "
            "actual work”. She did not name Calloway, but the post drew thousands of comments from fans of both.",
            "Calloway, who has been pictured in Lisbon with actress Marisol Vane, told a radio interviewer this week "
            "that the song was “not about one person” and that he wished his ex-partner well.",
            "Rae and Calloway split in late 2025 after four years together. She has since launched her own clothing "
            "line, which sold out its first collection in under an hour.",
        ],
    },
    {
        "id": "c-villa-heat-split",
        "site": "site-c",
        "path": "/news/2026/11/19/entertainment/villa-heat-winners-split-41140.html",
        "topic": "celebrity",
        "section": "Entertainment",
        "headline": "Villa Heat winners Sienna Cole and Marco Reyes announce split",
        "author": "Jenna Pruitt",
        "published": "2026-11-19T20:10:00-05:00",
        "date_style": "posted",
        "dateline": "",
        "paragraphs": [
            "Villa Heat winners Sienna Cole and Marco Reyes have split up, 14 months after they were crowned the "
            "dating show's most popular couple and shared the $100,000 prize.",
            "Cole, 25, announced the news in an Instagram story on Wednesday night, writing that the pair had “tried "
            "really hard to make it work away from the cameras” but wanted different things.",
            "Reyes, 28, later posted his own message thanking fans for their support and asking them not to take "
            "sides. “There's no bad guy here, just two people who grew apart,” he said.",
            "The couple had moved in together in Miami earlier this year and launched a joint podcast, which "
            "released its final episode in October without explanation.",
            "They are the fourth Villa Heat winning couple out of five to split within two years of the final.",
        ],
    },
    {
        "id": "c-millbrook-bus-depot",
        "site": "site-c",
        "path": "/news/2026/11/24/local/millbrook-bus-depot-approved-41230.html",
        "topic": "other",
        "section": "Local",
        "headline": "Millbrook council approves new bus depot despite resident objections",
        "author": "Dale Whitcomb",
        "published": "2026-11-24T22:15:00-05:00",
        "date_style": "posted",
        "dateline": "MILLBROOK —",
        "br_paragraphs": True,
        "paragraphs": [
            "The Millbrook city council voted 6-3 on Tuesday night to approve a new electric bus depot on the former "
            "Kessler lumber yard site, despite objections from residents of the nearby Orchard Hill neighborhood.",
            "The $38 million depot will house up to 60 electric buses and include charging equipment, a maintenance "
            "shop and offices for Tri-County Transit, which says its current garage on Route 9 is too small and "
            "floods almost every spring.",
            "More than 40 residents spoke during a public hearing that ran past midnight. Several raised concerns "
            "about traffic on Hollis Street, night-time noise from the chargers and the loss of mature trees along "
            "the site's eastern edge.",
            "Council members who backed the plan pointed to changes made since the summer, including a 30-foot "
            "landscaped buffer and a ban on buses using Hollis Street between 10 p.m. and 6 a.m.",
            "Construction is expected to begin in the spring and finish by late 2028. A group of residents said "
            "after the vote that they were considering an appeal.",
        ],
    },
    {
        "id": "c-tri-county-marathon",
        "site": "site-c",
        "path": "/news/2026/11/23/sports/teacher-wins-tri-county-marathon-41205.html",
        "topic": "other",
        "section": "Sports",
        "headline": "Ashford teacher wins Tri-County Marathon in course-record time",
        "author": "Rick Tomasso",
        "published": "2026-11-23T08:40:00-05:00",
        "date_style": "time",
        "dateline": "",
        "paragraphs": [
            "An Ashford middle school science teacher won the 41st Tri-County Marathon on Sunday in 2 hours, 19 "
            "minutes and 48 seconds, breaking a course record that had stood since 2009.",
            "Daniel Okoye, 34, pulled away from a lead pack of four runners at the 20-mile mark on the climb up "
            "Kellerton Ridge and crossed the line on Main Street more than a minute ahead of the runner-up.",
            "“I told my students I'd try to beat the record, so I didn't really have a choice,” Okoye said, still "
            "wrapped in a foil blanket. “A few of them were at mile 22 with a sign. That got me up the hill.”",
            "The women's race was won by Marisa Delgado of Millbrook in 2:41:10. A record 3,260 runners finished "
            "the race, which raised more than $210,000 for the county's food bank.",
            "Organizers said cool, dry conditions helped produce fast times throughout the field.",
        ],
    },
    {
        "id": "c-corvane-recall",
        "site": "site-c",
        "path": "/news/2026/11/20/business/corvane-recalls-suvs-41162.html",
        "topic": "other",
        "section": "Business",
        "headline": "Corvane Motors recalls 41,000 SUVs over seat-belt sensor fault",
        "author": "Courier Business Staff",
        "published": "2026-11-20T11:25:00-05:00",
        "date_style": "posted",
        "dateline": "",
        "paragraphs": [
            "Corvane Motors is recalling about 41,000 of its Ridgeline and Ridgeline Sport SUVs because a faulty "
            "sensor may fail to warn drivers when a rear passenger's seat belt is unbuckled.",
            "The recall covers vehicles from the 2024 and 2025 model years built at the company's Ohio plant, "
            "according to a notice filed with federal safety regulators. The company said it was not aware of any "
            "crashes or injuries linked to the problem.",
            "Dealers will replace the sensor wiring free of charge. Owners will be notified by mail beginning in "
            "mid-January and can check whether their vehicle is affected by entering its VIN on the company website.",
            "It is the third recall this year for the Ridgeline, Corvane's best-selling model, following earlier "
            "campaigns for a fuel-pump relay and a loose trim panel.",
            "Local dealer Hank Brewer of Brewer Corvane in Kellerton said his service department was ready to handle "
            "the repairs, which take about an hour.",
        ],
    },
    {
        "id": "c-reservoirs-recover",
        "site": "site-c",
        "path": "/news/2026/11/18/local/reservoirs-recover-after-wet-october-41121.html",
        "topic": "other",
        "section": "Weather",
        "headline": "Reservoirs recover after wettest October in three decades",
        "author": "Dale Whitcomb",
        "published": "2026-11-18T07:00:00-05:00",
        "date_style": "time",
        "dateline": "",
        "paragraphs": [
            "Water levels in the county's three main reservoirs have climbed back above seasonal averages after the "
            "wettest October in more than 30 years, ending drought restrictions that had been in place since June.",
            "The Tri-County Water Authority said Lake Ashford was 87 percent full on Monday, up from 52 percent at "
            "the end of September. The smaller Kellerton and Pine Hollow reservoirs are both above 90 percent.",
            "The National Weather Service office recorded 8.4 inches of rain in Millbrook last month, nearly three "
            "times the October normal, much of it during two slow-moving storms in the middle of the month.",
            "The authority lifted its ban on lawn watering and car washing with immediate effect, but urged "
            "residents to keep conserving water through the winter.",
            "Farmers said the rain came too late for this year's corn harvest but would help winter wheat and "
            "pastures heading into spring.",
        ],
    },
]

# ---------------------------------------------------------------------------
# Clickbait sidebar pools (mostly celebrity gossip). Links go to pages that the
# sites do not serve (404), as on real content farms whose old links rot.
# ---------------------------------------------------------------------------
GOSSIP_A = [
    ("Marisol Vane's mother breaks silence on ‘secret engagement’ claims", "/2026/11/27/marisol-vane-mother-engagement-claims/"),
    ("Inside Jett Calloway's £4m clifftop mansion", "/2026/11/25/inside-jett-calloway-clifftop-mansion/"),
    ("Villa Heat's Sienna Cole: ‘I couldn't stop crying after the final’", "/2026/11/24/sienna-cole-couldnt-stop-crying/"),
    ("Kiki Laurent fans spot ‘hidden clue’ in new music video", "/2026/11/23/kiki-laurent-hidden-clue-video/"),
    ("Who is Lena Ashby? Everything we know about Rowan Ashby's wife", "/2026/11/22/who-is-lena-ashby/"),
    ("The 15 most shocking red carpet moments of 2026", "/2026/11/21/most-shocking-red-carpet-moments-2026/"),
    ("TV chef Bella Marchetti reveals the one ingredient she never cooks with", "/2026/11/20/bella-marchetti-never-cooks-with/"),
    ("Nova Sterling flaunts huge diamond ring in beach snaps", "/2026/11/19/nova-sterling-diamond-ring/"),
    ("Former child star Tobin Reyes unrecognisable 20 years on", "/2026/11/18/tobin-reyes-unrecognisable/"),
    ("Theo Brandt's girlfriend sends fans wild with courtside selfie", "/2026/11/17/theo-brandt-girlfriend-courtside/"),
    ("Soap legend Maggie Crane quits after 30 years: ‘It's time’", "/2026/11/16/maggie-crane-quits/"),
    ("Rowan Ashby seen without wedding ring at airport", "/2026/11/15/rowan-ashby-no-wedding-ring/"),
    ("This simple trick could cut your energy bill in half", "/2026/11/14/simple-trick-energy-bill/"),
    ("Dax Orrin's ex reveals what he's really like off camera", "/2026/11/13/dax-orrin-ex-reveals/"),
]

GOSSIP_B = [
    ("当红小生林骁机场照曝光 疑似新恋情", "/ent/202611/27/t20261127_81237001.html"),
    ("Kiki Laurent's gown designer reveals 600-hour secret", "/ent/202611/26/t20261126_81236550.html"),
    ("女星苏曼妮离婚后首度露面 状态惊艳", "/ent/202611/26/t20261126_81236402.html"),
    ("Rowan Ashby's co-star speaks out after split news", "/ent/202611/25/t20261125_81235990.html"),
    ("顶流歌手周屿演唱会门票三秒售罄", "/ent/202611/25/t20261125_81235611.html"),
    ("Nova Sterling's wedding dress: where to buy the look", "/ent/202611/24/t20261124_81234998.html"),
    ("选秀冠军陈可可恋情曝光 男方身份引热议", "/ent/202611/24/t20261124_81234770.html"),
    ("Actress Tang Meilan, 60, stuns fans with no-make-up selfie", "/ent/202611/23/t20261123_81233120.html"),
    ("网曝某男星片场耍大牌 工作室连夜回应", "/ent/202611/23/t20261123_81232901.html"),
    ("Golden Lantern Awards 2026: the full winners list", "/ent/202611/22/t20261122_81231802.html"),
    ("豪门婚礼现场曝光 新娘头纱长达十米", "/ent/202611/21/t20261121_81230877.html"),
    ("Jett Calloway and Marisol Vane ‘spotted again’ in Paris", "/ent/202611/21/t20261121_81230544.html"),
    ("《心动小屋》第三季嘉宾名单曝光", "/ent/202611/20/t20261120_81230210.html"),
    ("Kai Mendes reveals how he proposed to Nova Sterling", "/ent/202611/19/t20261119_81229655.html"),
]

GOSSIP_C = [
    ("Sienna Cole spotted with mystery man days after split", "/news/2026/11/27/entertainment/sienna-cole-mystery-man-41280.html"),
    ("Marco Reyes ‘heartbroken’, says close pal", "/news/2026/11/26/entertainment/marco-reyes-heartbroken-41266.html"),
    ("Tamsin Rae's new boyfriend revealed", "/news/2026/11/25/entertainment/tamsin-rae-new-boyfriend-41240.html"),
    ("10 celebs who look totally different without makeup", "/news/2026/11/24/entertainment/celebs-without-makeup-41233.html"),
    ("You won't believe what the Villa Heat cast look like now", "/news/2026/11/23/entertainment/villa-heat-cast-now-41209.html"),
    ("Maggie Crane's emotional final scene leaves fans in tears", "/news/2026/11/22/entertainment/maggie-crane-final-scene-41190.html"),
    ("Marisol Vane lands lead role in $200m space epic", "/news/2026/11/21/entertainment/marisol-vane-space-epic-41178.html"),
    ("Theo Brandt and girlfriend Ava Lin expecting first child", "/news/2026/11/20/entertainment/theo-brandt-baby-41166.html"),
    ("Local dad's 2-minute teeth whitening trick has dentists furious", "/sponsored/whitening-trick.html"),
    ("Dax Orrin to star in new celebrity dating show", "/news/2026/11/18/entertainment/dax-orrin-dating-show-41125.html"),
    ("Kiki Laurent cancels three tour dates, fans demand answers", "/news/2026/11/17/entertainment/kiki-laurent-cancels-dates-41110.html"),
    ("Rowan Ashby's first post since divorce news", "/news/2026/11/26/entertainment/rowan-ashby-first-post-41270.html"),
]

COMMENTS_C = [
    ("millbrook_mike", "Been following this one for a while. Thanks for actually covering it instead of the usual fluff."),
    ("KellertonGal", "Who writes these headlines?? Anyway good article."),
    ("R. Stanton", "I'd like to see a follow-up in a few months to see whether any of this actually happens."),
    ("oldtimer1948", "Back in my day the Courier had a whole page for this. Now it's squeezed between ads."),
    ("Jen_in_Ashford", "Shared this with my book club, we had a long discussion about it."),
]
